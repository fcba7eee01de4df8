using System.Collections.Immutable;
using ComplianceScanner.Core.Duties;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;
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
        var findings = new List<Finding>();
        var errors = new List<RuleError>();
        var evaluated = new List<string>();
        foreach (var rule in rules)
        {
            if (context.Config.Rules.Disabled.Contains(rule.Descriptor.Id))
            {
                continue;
            }

            evaluated.Add(rule.Descriptor.Id);
            Run(context, rule, () => rule.Evaluate(context), findings, errors);
        }

        return Finish(context, findings, errors, evaluated);
    }

    /// <summary>
    /// The result of <see cref="Evaluate"/> on <paramref name="context"/>, computed from <paramref name="previous"/> (the
    /// result on the context before some bindings changed, with the same config) by re-running only what the change can
    /// affect: <see cref="ISubjectRule"/>s for the changed subjects (and, for an <see cref="IRelatedSubjectsRule"/>, the
    /// subjects it names as related), other rules that read RBAC (<see cref="RuleInputs.Rbac"/>) in full, and rules
    /// that failed before in full. Findings of other rules are kept; exceptions and governance findings are recomputed.
    /// </summary>
    /// <param name="previous">The previous result.</param>
    /// <param name="context">The context after the change (e.g. <see cref="EvaluationContext.WithBindingChanged"/>).</param>
    /// <param name="changedSubjects">
    /// The subjects of the changed bindings, before and after (<see cref="Duties.SubjectIdentity.Changed"/>), as the bindings
    /// name them; their canonical forms (<see cref="Duties.SubjectIdentity.Canonical"/>) are added. A rule's previous
    /// findings whose subject is one of them are replaced.
    /// </param>
    public EvaluationResult Reevaluate(EvaluationResult previous, EvaluationContext context, IReadOnlyCollection<Subject> changedSubjects)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(changedSubjects);
        // Rules name subjects as bindings do or in canonical form (a User system:serviceaccount:ns:name is that
        // ServiceAccount): the scope holds both, and findings are matched on their subject exactly.
        var changed = changedSubjects.Concat(changedSubjects.Select(SubjectIdentity.Canonical)).ToHashSet();
        var failed = previous.Errors.Select(e => e.RuleId).ToHashSet(StringComparer.Ordinal);

        // The previous raw findings, per rule: exceptions are undone (they are applied again below), governance findings
        // are recomputed from the exceptions' new status.
        var byRule = previous.Findings
            .Where(f => f.RuleId != GovernanceRules.ExpiredException.Id && f.RuleId != GovernanceRules.StaleException.Id)
            .Select(f => f.State == FindingState.Excepted ? f with { State = FindingState.Open, Exception = null } : f)
            .ToLookup(f => f.RuleId, StringComparer.Ordinal);
        var findings = new List<Finding>();
        var errors = new List<RuleError>();
        var evaluated = new List<string>();
        foreach (var rule in rules)
        {
            var id = rule.Descriptor.Id;
            if (context.Config.Rules.Disabled.Contains(id))
            {
                continue;
            }

            evaluated.Add(id);
            var scope = failed.Contains(id) ? null : Scope(context, rule, changed);
            if (scope is null && (failed.Contains(id) || rule is ISubjectRule || (rule.Descriptor.Inputs & RuleInputs.Rbac) != 0))
            {
                Run(context, rule, () => rule.Evaluate(context), findings, errors);
            }
            else if (scope is not null && rule is ISubjectRule subjectRule)
            {
                findings.AddRange(byRule[id].Where(f => f.Subject is null || !scope.Contains(f.Subject)));
                var subjects = scope.Order(SubjectOrder.Instance).ToList();
                Run(context, rule, () => subjectRule.EvaluateSubjects(context, subjects), findings, errors);
            }
            else
            {
                findings.AddRange(byRule[id]);
            }
        }

        return Finish(context, findings, errors, evaluated);
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

    /// <summary>The subjects an <see cref="ISubjectRule"/> must be re-run for; null for every subject (or a rule that is not one).</summary>
    private static HashSet<Subject>? Scope(EvaluationContext context, IRule rule, HashSet<Subject> changed)
    {
        if (rule is not ISubjectRule)
        {
            return null;
        }

        var scope = new HashSet<Subject>(changed);
        if (rule is IRelatedSubjectsRule related)
        {
            if (related.RelatedSubjects(context, changed) is not { } more)
            {
                return null;
            }

            scope.UnionWith(more);
            scope.UnionWith(more.Select(SubjectIdentity.Canonical));
        }

        return scope;
    }

    private static void Run(EvaluationContext context, IRule rule, Func<IEnumerable<Finding>> evaluate, List<Finding> findings, List<RuleError> errors)
    {
        var id = rule.Descriptor.Id;
        try
        {
            foreach (var f in evaluate())
            {
                findings.Add(context.Config.Rules.SeverityOverrides.TryGetValue(id, out var sev) ? f with { Severity = sev } : f);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            errors.Add(new RuleError(id, $"{ex.GetType().Name}: {ex.Message}"));
        }
    }

    private static EvaluationResult Finish(EvaluationContext context, List<Finding> findings, List<RuleError> errors, List<string> evaluated)
    {
        var settings = context.Config.Rules;
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
            var where = $"{s.Entry.Source ?? context.Config.FilePath}:{s.Entry.Line}";
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
