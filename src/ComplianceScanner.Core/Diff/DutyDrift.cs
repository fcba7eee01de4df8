using System.Collections.Immutable;
using ComplianceScanner.Core.Duties;

namespace ComplianceScanner.Core.Diff;

/// <summary>
/// Compares the duties each subject holds in two duty analyses (of an earlier and a later snapshot, judged against the
/// same config): duties gained or lost per subject, cluster-wide or per namespace. A cluster-wide holding counts for
/// every namespace, so gaining a duty in a namespace where the subject already held it cluster-wide is no gain, and
/// losing the cluster-wide holding while keeping a namespaced one is one loss (cluster-wide).
/// </summary>
public static class DutyDrift
{
    /// <summary>Duties gained and lost, sorted by subject, then cluster-wide before namespaces, then duty; losses before gains.</summary>
    public static ImmutableArray<DutyChange> Compare(DutyAnalysis before, DutyAnalysis after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.Subjects.ToDictionary(s => s.Subject);
        var now = after.Subjects.ToDictionary(s => s.Subject);
        var changes = new List<DutyChange>();
        foreach (var (subject, duties) in now)
        {
            old.TryGetValue(subject, out var earlier);
            Collect(changes, duties, earlier, gained: true);
        }

        foreach (var (subject, duties) in old)
        {
            now.TryGetValue(subject, out var later);
            Collect(changes, duties, later, gained: false);
        }

        return
        [
            .. changes
                .OrderBy(c => c.Subject.ToString(), StringComparer.Ordinal)
                .ThenBy(c => c.Namespace is not null)
                .ThenBy(c => c.Namespace, StringComparer.Ordinal)
                .ThenBy(c => c.Duty, StringComparer.Ordinal)
                .ThenBy(c => c.Gained),
        ];
    }

    /// <summary>Adds the holdings of <paramref name="side"/> that <paramref name="other"/> does not cover.</summary>
    private static void Collect(List<DutyChange> changes, SubjectDuties side, SubjectDuties? other, bool gained)
    {
        foreach (var holding in side.Holdings)
        {
            if (other is not null && other.Holds(holding.Duty, holding.Namespace))
            {
                continue;
            }

            var declaration = side.Declaration;
            changes.Add(new DutyChange(side.Subject, holding.Duty, holding.Namespace, gained, holding.Allowed, declaration.Layer, declaration.Team?.Name));
        }
    }
}
