using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.Core.Snapshot;
using ComplianceScanner.Core.Tests.Export;

namespace ComplianceScanner.Core.Tests.Evaluation;

/// <summary>Rules run on several cores; the result must be the one of running them one after the other.</summary>
public sealed class EvaluatorParallelTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static readonly ClusterSnapshot Snapshot = ClusterSnapshot.Empty with
    {
        Ingresses = [.. Enumerable.Range(0, 20).Select(i => new Ingress { Metadata = new ObjectMeta { Name = $"i{i}", Namespace = $"ns{i % 3}" } })],
    };

    [Fact]
    public void The_demo_cluster_evaluates_to_the_same_result_on_one_core_and_on_four()
    {
        var context = new EvaluationContext(DemoInputs.Snapshot(), DemoInputs.Config(), DemoInputs.Today);
        var sequential = new Evaluator(RuleCatalogue.All, maxParallelism: 1).Evaluate(context);
        for (var i = 0; i < 3; i++)
        {
            // A fresh context each time: lazily built indexes are then built concurrently by the first rules.
            var parallel = new Evaluator(RuleCatalogue.All, maxParallelism: 4).Evaluate(new EvaluationContext(DemoInputs.Snapshot(), DemoInputs.Config(), DemoInputs.Today));
            Assert.NotEmpty(parallel.Findings);
            Assert.NotEmpty(parallel.Exceptions);
            Assert.Null(sequential.FirstDifference(parallel));
        }
    }

    [Fact]
    public void Rules_run_at_the_same_time_and_their_findings_and_errors_keep_catalogue_order()
    {
        // Both rendezvous rules wait for each other: they only pass when they really run at the same time.
        using var barrier = new Barrier(2);
        IRule[] rules =
        [
            new SlowRule("SOD-T-01", barrier, delayMs: 200, fail: true),
            new SlowRule("SOD-T-02", barrier, delayMs: 0, fail: false),
            new SlowRule("SOD-T-03", null, delayMs: 0, fail: true),
            new SlowRule("SOD-T-04", null, delayMs: 50, fail: false),
        ];
        var result = new Evaluator(rules, maxParallelism: 2).Evaluate(new EvaluationContext(Snapshot, new ScannerConfig(), Today));

        Assert.Equal(["SOD-T-01", "SOD-T-03"], result.Errors.Select(e => e.RuleId));
        Assert.All(result.Errors, e => Assert.Equal("InvalidOperationException: failed after its first finding", e.Message));
        Assert.DoesNotContain(result.Errors, e => e.Message.Contains("rendezvous", StringComparison.Ordinal));
        // A failing rule's findings before the failure are kept, as when rules ran one after the other.
        Assert.Equal(20 + 20 + 1 + 1, result.Findings.Length);
        var sequential = new Evaluator(rules.Select(r => (IRule)new SlowRule(r.Descriptor.Id, null, 0, ((SlowRule)r).Fail)).ToList(), maxParallelism: 1)
            .Evaluate(new EvaluationContext(Snapshot, new ScannerConfig(), Today));
        Assert.Null(sequential.FirstDifference(result));
    }

    [Fact]
    public void Cancellation_inside_a_rule_is_rethrown_as_itself_not_wrapped()
    {
        IRule[] rules = [new SlowRule("SOD-T-01", null, 0, false), new CancelledRule(), new SlowRule("SOD-T-03", null, 0, false)];
        var context = new EvaluationContext(Snapshot, new ScannerConfig(), Today);
        Assert.Throws<OperationCanceledException>(() => new Evaluator(rules, maxParallelism: 2).Evaluate(context));
        Assert.Throws<OperationCanceledException>(() => new Evaluator(rules, maxParallelism: 1).Evaluate(context));
    }

    [Fact]
    public void Max_parallelism_must_be_at_least_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Evaluator(RuleCatalogue.All, maxParallelism: 0));
    }

    private sealed class SlowRule(string id, Barrier? rendezvous, int delayMs, bool fail) : IRule
    {
        public bool Fail => fail;

        public RuleDescriptor Descriptor { get; } = new(id, "test rule", Severity.Low, Layer.Namespace, "test", "none needed here");

        public IEnumerable<Finding> Evaluate(EvaluationContext context)
        {
            if (rendezvous is not null && !rendezvous.SignalAndWait(TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException("no rendezvous: the rules did not run at the same time");
            }

            Thread.Sleep(delayMs);
            foreach (var ingress in context.Snapshot.Ingresses)
            {
                yield return Descriptor.Finding(ingress, "m", "k", [new Evidence("field", "spec", id)]);
                if (fail)
                {
                    throw new InvalidOperationException("failed after its first finding");
                }
            }
        }
    }

    private sealed class CancelledRule : IRule
    {
        public RuleDescriptor Descriptor { get; } = new("SOD-T-02", "cancelled", Severity.Low, Layer.Namespace, "test", "none needed here");

        public IEnumerable<Finding> Evaluate(EvaluationContext context) => throw new OperationCanceledException();
    }
}
