using System.Collections.Immutable;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.Core.Snapshot;

namespace ComplianceScanner.Core.Tests.Evaluation;

public sealed class EvaluatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static readonly ClusterSnapshot Snapshot = ClusterSnapshot.Empty with
    {
        Ingresses =
        [
            new Ingress { Metadata = new ObjectMeta { Name = "a", Namespace = "shop" } },
            new Ingress { Metadata = new ObjectMeta { Name = "b", Namespace = "blog" } },
        ],
    };

    [Fact]
    public void A_throwing_rule_becomes_a_rule_error_and_the_others_still_run()
    {
        var result = Run(new ScannerConfig(), new ThrowingRule(), new PerIngressRule("SOD-ING-900", Severity.Low));
        var error = Assert.Single(result.Errors);
        Assert.Equal("SOD-ING-999", error.RuleId);
        Assert.Equal("InvalidOperationException: boom", error.Message);
        Assert.Equal(2, result.Findings.Length);
    }

    [Fact]
    public void Findings_are_sorted_worst_first_then_by_rule_and_object()
    {
        var result = Run(new ScannerConfig(), new PerIngressRule("SOD-ING-901", Severity.Low), new PerIngressRule("SOD-ING-900", Severity.High));
        Assert.Equal(
            ["SOD-ING-900 Ingress/blog/b", "SOD-ING-900 Ingress/shop/a", "SOD-ING-901 Ingress/blog/b", "SOD-ING-901 Ingress/shop/a"],
            result.Findings.Select(f => $"{f.RuleId} {f.Object}"));
    }

    [Fact]
    public void Disabled_rules_do_not_run_and_severity_overrides_apply()
    {
        var config = new ScannerConfig
        {
            Rules = new RuleSettings
            {
                Disabled = ["SOD-ING-901"],
                SeverityOverrides = ImmutableSortedDictionary<string, Severity>.Empty.Add("SOD-ING-900", Severity.Critical),
            },
        };
        var result = Run(config, new PerIngressRule("SOD-ING-901", Severity.Low), new PerIngressRule("SOD-ING-900", Severity.High));
        Assert.All(result.Findings, f => Assert.Equal(("SOD-ING-900", Severity.Critical), (f.RuleId, f.Severity)));
        Assert.Equal(["SOD-ING-900", "SOD-GOV-001", "SOD-GOV-002"], result.RulesEvaluated.ToArray());
    }

    [Fact]
    public void An_active_exception_excepts_matching_findings_and_keeps_them_visible()
    {
        var config = new ScannerConfig { Exceptions = [Exception("shop/*", new DateOnly(2027, 1, 31))] };
        var result = Run(config, new PerIngressRule("SOD-ING-900", Severity.High));
        var excepted = Assert.Single(result.Findings, f => f.State == FindingState.Excepted);
        Assert.Equal("shop/a", excepted.Object!.QualifiedName);
        Assert.Equal(new AppliedException("campaign", "alice", new DateOnly(2027, 1, 31)), excepted.Exception);
        Assert.Single(result.Findings, f => f.State == FindingState.Open);
        Assert.Equal(1, Assert.Single(result.Exceptions).Matched);
    }

    [Fact]
    public void An_exception_on_its_last_day_still_applies()
    {
        var result = Run(new ScannerConfig { Exceptions = [Exception("shop/a", Today)] }, new PerIngressRule("SOD-ING-900", Severity.High));
        Assert.Contains(result.Findings, f => f.State == FindingState.Excepted);
        Assert.DoesNotContain(result.Findings, f => f.RuleId == GovernanceRules.ExpiredException.Id);
    }

    [Fact]
    public void An_expired_exception_reopens_the_finding_and_is_reported()
    {
        var result = Run(new ScannerConfig { Exceptions = [Exception("shop/a", Today.AddDays(-1))] }, new PerIngressRule("SOD-ING-900", Severity.High));
        Assert.All(result.Findings.Where(f => f.RuleId == "SOD-ING-900"), f => Assert.Equal(FindingState.Open, f.State));
        var gov = Assert.Single(result.Findings, f => f.RuleId == GovernanceRules.ExpiredException.Id);
        Assert.Contains("expired on 2026-11-25", gov.Message, StringComparison.Ordinal);
        Assert.True(Assert.Single(result.Exceptions).Expired);
    }

    [Fact]
    public void An_exception_that_matches_nothing_is_reported_as_stale()
    {
        var result = Run(new ScannerConfig { Exceptions = [Exception("nowhere/x", new DateOnly(2027, 1, 1))] }, new PerIngressRule("SOD-ING-900", Severity.High));
        Assert.Single(result.Findings, f => f.RuleId == GovernanceRules.StaleException.Id);
    }

    [Fact]
    public void Fingerprints_are_stable_and_distinguish_keys()
    {
        var a = FindingFingerprint.Compute("SOD-ING-001", new ObjectReference("Ingress", "shop", "a"), null, "x.example.com");
        Assert.Equal(a, FindingFingerprint.Compute("SOD-ING-001", new ObjectReference("Ingress", "shop", "a"), null, "x.example.com"));
        Assert.NotEqual(a, FindingFingerprint.Compute("SOD-ING-001", new ObjectReference("Ingress", "shop", "a"), null, "y.example.com"));
        Assert.Equal(16, a.Length);
    }

    [Fact]
    public void First_difference_names_any_field_evidence_error_or_count_that_differs_and_is_null_for_equal_results()
    {
        var result = Run(new ScannerConfig { Exceptions = [Exception("shop/*", new DateOnly(2027, 1, 31))] }, new PerIngressRule("SOD-ING-900", Severity.High));
        var f = result.Findings[0];
        Assert.Null(result.FirstDifference(result with { Findings = [.. result.Findings] }));
        Assert.Contains("first difference at 0", result.FirstDifference(result with { Findings = result.Findings.SetItem(0, f with { Remediation = "other" }) }), StringComparison.Ordinal);
        Assert.Contains("first difference at 0", result.FirstDifference(result with { Findings = result.Findings.SetItem(0, f with { Evidence = [new Evidence("field", "spec", "w")] }) }), StringComparison.Ordinal);
        Assert.Equal("2 findings against 1", result.FirstDifference(result with { Findings = result.Findings.RemoveAt(1) }));
        Assert.Equal("the rule errors differ", result.FirstDifference(result with { Errors = [new RuleError("SOD-ING-900", "boom")] }));
        Assert.Equal("the exception counts differ", result.FirstDifference(result with { Exceptions = [result.Exceptions[0] with { Matched = 5 }] }));
        Assert.Equal("the rules evaluated differ", result.FirstDifference(result with { RulesEvaluated = ["SOD-ING-900"] }));
    }

    private static EvaluationResult Run(ScannerConfig config, params IRule[] rules) =>
        new Evaluator(rules).Evaluate(new EvaluationContext(Snapshot, config, Today));

    private static ExceptionEntry Exception(string obj, DateOnly expires) => new()
    {
        Rule = "SOD-ING-900",
        Object = obj,
        Reason = "campaign",
        ApprovedBy = "alice",
        Expires = expires,
        Line = 7,
    };

    private sealed class ThrowingRule : IRule
    {
        public RuleDescriptor Descriptor { get; } = new("SOD-ING-999", "throws", Severity.Low, Layer.Namespace, "test", "none needed here");

        public IEnumerable<Finding> Evaluate(EvaluationContext context) => throw new InvalidOperationException("boom");
    }

    private sealed class PerIngressRule(string id, Severity severity) : IRule
    {
        public RuleDescriptor Descriptor { get; } = new(id, "test rule", severity, Layer.Namespace, "test", "none needed here");

        public IEnumerable<Finding> Evaluate(EvaluationContext context) =>
            context.Snapshot.Ingresses.Select(i => Descriptor.Finding(i, "m", "k", [new Evidence("field", "spec", "v")]));
    }
}
