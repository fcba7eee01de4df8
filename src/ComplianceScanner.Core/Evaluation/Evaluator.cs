using System.Collections.Immutable;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.Core.Text;

namespace ComplianceScanner.Core.Evaluation;

/// <summary>
/// The Evaluate stage: runs every enabled rule over the context, applies severity overrides and exceptions,
/// and returns findings in the one deterministic order. A rule that throws becomes a <see cref="RuleError"/>.
/// </summary>
public sealed class Evaluator(IReadOnlyList<IRule> rules)
{
    public EvaluationResult Evaluate(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Config.Rules;
        var findings = new List<Finding>();
        var errors = new List<RuleError>();
        var evaluated = new List<string>();
        foreach (var rule in rules)
        {
            var id = rule.Descriptor.Id;
            if (settings.Disabled.Contains(id))
            {
                continue;
            }

            evaluated.Add(id);
            try
            {
                foreach (var f in rule.Evaluate(context))
                {
                    findings.Add(settings.SeverityOverrides.TryGetValue(id, out var sev) ? f with { Severity = sev } : f);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                errors.Add(new RuleError(id, $"{ex.GetType().Name}: {ex.Message}"));
            }
        }

        var statuses = ApplyExceptions(context, findings);
        foreach (var id in new[] { GovernanceRules.ExpiredException.Id, GovernanceRules.StaleException.Id })
        {
            if (!settings.Disabled.Contains(id))
            {
                evaluated.Add(id);
            }
        }

        findings.AddRange(GovernanceFindings(context, statuses).Where(f => !settings.Disabled.Contains(f.RuleId)));
        var unique = findings
            .GroupBy(f => f.Fingerprint, StringComparer.Ordinal)
            .Select(g => g.First())
            .Order(FindingOrder.Instance)
            .ToImmutableArray();
        return new EvaluationResult(unique, [.. errors], statuses, [.. evaluated]);
    }

    /// <summary>True when the exception entry covers the finding (rule id equal; object and subject globs, when given, match).</summary>
    public static bool Covers(ExceptionEntry entry, Finding finding)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(finding);
        if (!Glob.Matches(entry.Rule, finding.RuleId))
        {
            return false;
        }

        if (entry.Object is not null && (finding.Object is null || !Glob.Matches(entry.Object, finding.Object.QualifiedName)))
        {
            return false;
        }

        return entry.Subject is null || (finding.Subject is not null && Glob.Matches(entry.Subject, finding.Subject.ToString()));
    }

    private static ImmutableArray<ExceptionStatus> ApplyExceptions(EvaluationContext context, List<Finding> findings)
    {
        var statuses = ImmutableArray.CreateBuilder<ExceptionStatus>(context.Config.Exceptions.Length);
        foreach (var entry in context.Config.Exceptions)
        {
            var expired = entry.IsExpired(context.Today);
            var matched = 0;
            for (var i = 0; i < findings.Count; i++)
            {
                if (!Covers(entry, findings[i]))
                {
                    continue;
                }

                matched++;
                if (!expired && findings[i].State == FindingState.Open)
                {
                    findings[i] = findings[i] with
                    {
                        State = FindingState.Excepted,
                        Exception = new AppliedException(entry.Reason, entry.ApprovedBy, entry.Expires),
                    };
                }
            }

            statuses.Add(new ExceptionStatus(entry, matched, expired));
        }

        return statuses.MoveToImmutable();
    }

    private static IEnumerable<Finding> GovernanceFindings(EvaluationContext context, ImmutableArray<ExceptionStatus> statuses)
    {
        foreach (var s in statuses)
        {
            var target = s.Entry.Object ?? s.Entry.Subject ?? "*";
            var where = $"{context.Config.FilePath}:{s.Entry.Line}";
            var evidence = new[]
            {
                new Evidence("exception", $"exceptions (line {s.Entry.Line})", $"rule {s.Entry.Rule} on {target}, approved by {s.Entry.ApprovedBy}, expires {s.Entry.Expires:yyyy-MM-dd}"),
            };
            if (s.Expired)
            {
                yield return GovernanceRules.ExpiredException.Finding(
                    null,
                    $"The exception for {s.Entry.Rule} on {target} (approved by {s.Entry.ApprovedBy}) expired on {s.Entry.Expires:yyyy-MM-dd}; the {s.Matched} finding(s) it covered are open again ({where}).",
                    $"{s.Entry.Rule}|{target}|{s.Entry.Expires:yyyy-MM-dd}",
                    evidence);
            }
            else if (s.Matched == 0)
            {
                yield return GovernanceRules.StaleException.Finding(
                    null,
                    $"The exception for {s.Entry.Rule} on {target} (approved by {s.Entry.ApprovedBy}) matches no finding ({where}).",
                    $"{s.Entry.Rule}|{target}",
                    evidence);
            }
        }
    }
}
