using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
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
/// Rules are independent readers of the context (its indexes are immutable or built once, thread-safely), so they run
/// on several cores; their findings and errors are then taken in catalogue order, so the result is the same as one
/// rule after the other.
/// </summary>
public sealed class Evaluator
{
    // Results this class made, whose findings are therefore sorted and distinct: a re-evaluation need not check.
    private static readonly ConditionalWeakTable<EvaluationResult, object> Ordered = [];

    // How long each rule's last full evaluation took in this process (the agent rescans the same cluster): rules are
    // started longest first. Only the order of work depends on it, never the result.
    private static readonly ConcurrentDictionary<string, long> LastTicks = new(StringComparer.Ordinal);

    private readonly IReadOnlyList<IRule> rules;
    private readonly int maxParallelism;

    /// <summary>An evaluator that runs rules on all cores.</summary>
    public Evaluator(IReadOnlyList<IRule> rules)
        : this(rules, Environment.ProcessorCount)
    {
    }

    /// <summary>An evaluator that runs at most <paramref name="maxParallelism"/> rules at once (1: one after the other).</summary>
    public Evaluator(IReadOnlyList<IRule> rules, int maxParallelism)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelism, 1);
        this.rules = rules;
        this.maxParallelism = maxParallelism;
    }

    public EvaluationResult Evaluate(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var runs = new List<RuleRun>();
        var evaluated = new List<string>();
        foreach (var rule in rules)
        {
            if (context.Config.Rules.Disabled.Contains(rule.Descriptor.Id))
            {
                continue;
            }

            evaluated.Add(rule.Descriptor.Id);
            runs.Add(new RuleRun(rule, () => rule.Evaluate(context), Full: true));
        }

        var (findings, errors) = RunAll(context, runs, WarmUp(context, runs));
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
    public EvaluationResult Reevaluate(EvaluationResult previous, EvaluationContext context, IReadOnlyCollection<Subject> changedSubjects) =>
        Reevaluate(previous, context, changedSubjects, changedBindings: null);

    /// <summary>
    /// As <see cref="Reevaluate(EvaluationResult, EvaluationContext, IReadOnlyCollection{Subject})"/> after the one change
    /// <see cref="EvaluationContext.WithBindingChanged"/> made (<paramref name="before"/> replaced by
    /// <paramref name="after"/>; null adds or removes). Knowing the binding, an <see cref="IBindingScopedRule"/> is re-run
    /// for the objects the change touches (the binding, the roles it references) rather than for every binding of its
    /// subjects.
    /// </summary>
    public EvaluationResult Reevaluate(EvaluationResult previous, EvaluationContext context, RbacBinding? before, RbacBinding? after) =>
        Reevaluate(previous, context, SubjectIdentity.Changed(before, after), [.. new[] { before, after }.OfType<RbacBinding>()]);

    private EvaluationResult Reevaluate(
        EvaluationResult previous,
        EvaluationContext context,
        IReadOnlyCollection<Subject> changedSubjects,
        IReadOnlyCollection<RbacBinding>? changedBindings)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(changedSubjects);
        // Rules name subjects as bindings do or in canonical form (a User system:serviceaccount:ns:name is that
        // ServiceAccount): the scope holds both, and findings are matched on their subject exactly.
        var changed = changedSubjects.Concat(changedSubjects.Select(SubjectIdentity.Canonical)).ToHashSet();
        var failed = previous.Errors.Select(e => e.RuleId).ToHashSet(StringComparer.Ordinal);
        var plans = new Dictionary<string, RerunPlan>(StringComparer.Ordinal);
        var runs = new List<RuleRun>();
        var evaluated = new List<string>();
        foreach (var rule in rules)
        {
            var id = rule.Descriptor.Id;
            if (context.Config.Rules.Disabled.Contains(id))
            {
                continue;
            }

            evaluated.Add(id);
            RerunPlan plan;
            if (failed.Contains(id))
            {
                plan = RerunPlan.Full;
            }
            else if (changedBindings is not null && rule is IBindingScopedRule scoped)
            {
                plan = scoped.AffectedObjects(context, changedBindings) is { } objects ? RerunPlan.ForObjects(objects) : RerunPlan.Full;
            }
            else if (rule is ISubjectRule)
            {
                plan = Scope(context, rule, changed) is { } scope ? RerunPlan.ForSubjects(scope) : RerunPlan.Full;
            }
            else
            {
                plan = (rule.Descriptor.Inputs & RuleInputs.Rbac) != 0 ? RerunPlan.Full : RerunPlan.Keep;
            }

            plans.TryAdd(id, plan);
            if (plan.Objects is { } affected)
            {
                runs.Add(new RuleRun(rule, () => ((IBindingScopedRule)rule).EvaluateObjects(context, affected)));
            }
            else if (plan.Subjects is { } subjects)
            {
                var sorted = subjects.Order(SubjectOrder.Instance).ToList();
                runs.Add(new RuleRun(rule, () => ((ISubjectRule)rule).EvaluateSubjects(context, sorted)));
            }
            else if (!plan.KeepsAll)
            {
                runs.Add(new RuleRun(rule, () => rule.Evaluate(context)));
            }
        }

        var (fresh, errors) = RunAll(context, runs, warmUp: null);

        // Which previous findings stand (governance findings are recomputed below), and those the rules replaced. Flags,
        // not a copy: a list of every finding would be a large-object allocation per re-evaluation, and so a full GC.
        var previousFindings = previous.Findings;
        var keeps = new bool[previousFindings.Length];
        var keptCount = 0;
        var removed = new List<Finding>();
        var check = !Ordered.TryGetValue(previous, out _);
        var ordered = true;
        string? lastRule = null;
        RerunPlan? lastPlan = null;
        for (var i = 0; i < previousFindings.Length; i++)
        {
            var f = previousFindings[i];
            if (check && i > 0)
            {
                ordered &= FindingOrder.Instance.Compare(previousFindings[i - 1], f) < 0;
            }

            if (f.RuleId == GovernanceRules.ExpiredException.Id || f.RuleId == GovernanceRules.StaleException.Id)
            {
                continue;
            }

            // Findings come grouped by severity and rule: one plan lookup per run of the same rule.
            if (!ReferenceEquals(f.RuleId, lastRule))
            {
                lastRule = f.RuleId;
                lastPlan = plans.GetValueOrDefault(f.RuleId);
            }

            if (lastPlan is not null && lastPlan.Keeps(f))
            {
                keeps[i] = true;
                keptCount++;
            }
            else
            {
                removed.Add(f);
            }
        }

        if (!ordered)
        {
            // Not a result of Evaluate (hand-made or older): undo its exceptions and finish it like a full evaluation.
            var all = previousFindings.Where((_, i) => keeps[i])
                .Select(f => f.State == FindingState.Excepted ? f with { State = FindingState.Open, Exception = null } : f)
                .ToList();
            all.AddRange(fresh);
            return Finish(context, all, errors, evaluated);
        }

        return Merge(context, previous, new KeptFindings(previousFindings, keeps, keptCount), removed, fresh, errors, evaluated);
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

    /// <summary>
    /// The shared RBAC indexes (the permission index and the complete duty table) when some rule to run reads RBAC and
    /// several cores are used: built as the first work item, so one core builds them while the others run the rules
    /// that do not need them. Null when there is nothing to gain. A failure is left to the rules: the lazy index
    /// rethrows it to each rule that reads it, which reports it as before.
    /// </summary>
    private Action? WarmUp(EvaluationContext context, List<RuleRun> runs)
    {
        if (maxParallelism == 1 || !runs.Exists(r => (r.Rule.Descriptor.Inputs & RuleInputs.Rbac) != 0))
        {
            return null;
        }

        return () =>
        {
            try
            {
                _ = context.Permissions;
                if (Rules.Rbac.RbacInputs.Complete(context))
                {
                    _ = context.Duties.Subjects;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Reported by the rules that read the index.
            }
        };
    }

    /// <summary>
    /// Runs the rules, up to <see cref="maxParallelism"/> at once, each materialising its own findings; returns the
    /// findings and errors in the order of <paramref name="runs"/>, whatever order they ran and finished in. With a
    /// <paramref name="warmUp"/>, that runs first and the rules that do not read RBAC are started before those that do.
    /// A rule that throws becomes an error; cancellation (or any failure outside a rule) is rethrown as itself.
    /// </summary>
    private (List<Finding> Findings, List<RuleError> Errors) RunAll(EvaluationContext context, List<RuleRun> runs, Action? warmUp)
    {
        var outcomes = new RuleOutcome[runs.Count];
        if (maxParallelism == 1 || runs.Count <= 1)
        {
            for (var i = 0; i < runs.Count; i++)
            {
                outcomes[i] = Run(context, runs[i]);
            }
        }
        else
        {
            // Work items: -1 is the warm-up, others index runs. One item at a time per worker (no chunking): rule costs
            // differ by 100x, so workers take the next item when they finish one rather than owning fixed ranges.
            var order = new List<int>(runs.Count + 1);
            if (warmUp is not null)
            {
                // Longest first (as the rule last took in this process; catalogue order until then), so that no core
                // is left with a long rule at the end while the others wait.
                var byCost = Enumerable.Range(0, runs.Count).OrderByDescending(i => LastTicks.GetValueOrDefault(runs[i].Rule.Descriptor.Id)).ToList();
                order.Add(-1);
                order.AddRange(byCost.Where(i => (runs[i].Rule.Descriptor.Inputs & RuleInputs.Rbac) == 0));
                order.AddRange(byCost.Where(i => (runs[i].Rule.Descriptor.Inputs & RuleInputs.Rbac) != 0));
            }
            else
            {
                order.AddRange(Enumerable.Range(0, runs.Count));
            }

            try
            {
                Parallel.ForEach(
                    Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering),
                    new ParallelOptions { MaxDegreeOfParallelism = maxParallelism },
                    i =>
                    {
                        if (i < 0)
                        {
                            warmUp!();
                        }
                        else
                        {
                            outcomes[i] = Run(context, runs[i]);
                        }
                    });
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
            {
                var first = ex.InnerExceptions.FirstOrDefault(e => e is OperationCanceledException) ?? ex.InnerExceptions[0];
                ExceptionDispatchInfo.Capture(first).Throw();
                throw;
            }
        }

        var findings = new List<Finding>(outcomes.Sum(o => o.Findings?.Count ?? 0));
        var errors = new List<RuleError>();
        foreach (var outcome in outcomes)
        {
            if (outcome.Findings is { } found)
            {
                findings.AddRange(found);
            }

            if (outcome.Error is { } error)
            {
                errors.Add(error);
            }
        }

        return (findings, errors);
    }

    private static RuleOutcome Run(EvaluationContext context, RuleRun run)
    {
        var id = run.Rule.Descriptor.Id;
        var findings = new List<Finding>();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var overridden = context.Config.Rules.SeverityOverrides.TryGetValue(id, out var sev);
            foreach (var f in run.Evaluate())
            {
                findings.Add(overridden ? f with { Severity = sev } : f);
            }

            if (run.Full)
            {
                LastTicks[id] = Stopwatch.GetTimestamp() - started;
            }

            return new RuleOutcome(findings, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // As before: what the rule yielded before it failed is kept, and the failure is reported.
            return new RuleOutcome(findings, new RuleError(id, $"{ex.GetType().Name}: {ex.Message}"));
        }
    }

    /// <summary>A rule and how to run it; <paramref name="Full"/> when it evaluates the whole context (its time is then remembered).</summary>
    private readonly record struct RuleRun(IRule Rule, Func<IEnumerable<Finding>> Evaluate, bool Full = false);

    private readonly record struct RuleOutcome(List<Finding>? Findings, RuleError? Error);

    /// <summary>
    /// <see cref="Finish"/> for a re-evaluation whose previous result was in order: the kept findings keep their order and
    /// exception state (same config, same day), so only the fresh findings are excepted, de-duplicated, sorted and merged
    /// in; re-sorting the whole list would cost more than the rules re-run after one change.
    /// </summary>
    private static EvaluationResult Merge(
        EvaluationContext context,
        EvaluationResult previous,
        KeptFindings kept,
        List<Finding> removed,
        List<Finding> fresh,
        List<RuleError> errors,
        List<string> evaluated)
    {
        var settings = context.Config.Rules;
        var entries = context.Config.Exceptions;
        var statuses = ApplyExceptions(context, fresh);
        if (!entries.IsEmpty)
        {
            // An entry's count is its previous count less the replaced findings it covered (when the entries are the
            // previous ones), else a count over the kept findings; plus the fresh findings it covers.
            var sameEntries = previous.Exceptions.Length == entries.Length
                && previous.Exceptions.Select(e => e.Entry).Zip(entries).All(p => ReferenceEquals(p.First, p.Second) || p.First.Equals(p.Second));
            var counted = ImmutableArray.CreateBuilder<ExceptionStatus>(entries.Length);
            for (var i = 0; i < entries.Length; i++)
            {
                var entry = entries[i];
                var before = sameEntries
                    ? previous.Exceptions[i].Matched - removed.Count(f => Covers(entry, f))
                    : kept.Matching(f => Covers(entry, f)).Count();
                counted.Add(statuses[i] with { Matched = statuses[i].Matched + before });
            }

            statuses = counted.MoveToImmutable();
        }

        foreach (var id in new[] { GovernanceRules.ExpiredException.Id, GovernanceRules.StaleException.Id })
        {
            if (!settings.Disabled.Contains(id))
            {
                evaluated.Add(id);
            }
        }

        // The first finding of a fingerprint wins, kept ones before fresh ones, as in a full evaluation's rule order.
        var additions = new List<Finding>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in fresh.Concat(GovernanceFindings(context, statuses).Where(f => !settings.Disabled.Contains(f.RuleId))))
        {
            if (seen.Add(f.Fingerprint) && !kept.ContainsFingerprint(f))
            {
                additions.Add(f);
            }
        }

        // Distinct fingerprints never compare equal, so the unstable sort is deterministic.
        additions.Sort(FindingOrder.Instance);
        var merged = ImmutableArray.CreateBuilder<Finding>(kept.Count + additions.Count);
        var from = 0;
        foreach (var a in additions)
        {
            var at = kept.InsertionPoint(from, a);
            kept.CopyTo(merged, from, at);
            merged.Add(a);
            from = at;
        }

        kept.CopyTo(merged, from, kept.Length);
        return Mark(new EvaluationResult(merged.MoveToImmutable(), [.. errors], statuses, [.. evaluated]));
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
        // The first finding of each fingerprint, in rule order; then sorted. Distinct fingerprints never compare
        // equal, so the unstable in-place sort is deterministic (and cheaper than grouping and a stable LINQ sort).
        var seen = new HashSet<string>(findings.Count, StringComparer.Ordinal);
        var unique = new List<Finding>(findings.Count);
        foreach (var f in findings)
        {
            if (seen.Add(f.Fingerprint))
            {
                unique.Add(f);
            }
        }

        unique.Sort(FindingOrder.Instance);
        return Mark(new EvaluationResult([.. unique], [.. errors], statuses, [.. evaluated]));
    }

    private static EvaluationResult Mark(EvaluationResult result)
    {
        Ordered.AddOrUpdate(result, Ordered);
        return result;
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
