using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Evaluation;

/// <summary>
/// What a re-evaluation does with one rule: keep its previous findings, re-run it in full, or re-run it for some subjects
/// (<see cref="Rules.ISubjectRule"/>) or objects (<see cref="Rules.IBindingScopedRule"/>), replacing its previous findings
/// about them.
/// </summary>
internal sealed class RerunPlan
{
    private const int SmallSet = 16;
    private readonly Subject[]? subjectList;
    private readonly ObjectReference[]? objectList;

    private RerunPlan(bool keepsAll, HashSet<Subject>? subjects, HashSet<ObjectReference>? objects)
    {
        KeepsAll = keepsAll;
        Subjects = subjects;
        Objects = objects;
        subjectList = subjects is { Count: <= SmallSet } ? [.. subjects] : null;
        objectList = objects is { Count: <= SmallSet } ? [.. objects] : null;
    }

    /// <summary>The rule is not re-run; its previous findings stand.</summary>
    public static RerunPlan Keep { get; } = new(keepsAll: true, null, null);

    /// <summary>The rule is re-run in full; none of its previous findings stand.</summary>
    public static RerunPlan Full { get; } = new(keepsAll: false, null, null);

    public bool KeepsAll { get; }

    /// <summary>The subjects the rule is re-run for, or null.</summary>
    public HashSet<Subject>? Subjects { get; }

    /// <summary>The objects the rule is re-run for, or null.</summary>
    public HashSet<ObjectReference>? Objects { get; }

    public static RerunPlan ForSubjects(HashSet<Subject> subjects) => new(keepsAll: false, subjects, null);

    public static RerunPlan ForObjects(IEnumerable<ObjectReference> objects) => new(keepsAll: false, null, [.. objects]);

    /// <summary>Whether a previous finding of the rule stands.</summary>
    public bool Keeps(Finding finding)
    {
        if (KeepsAll)
        {
            return true;
        }

        if (Subjects is { } subjects)
        {
            return finding.Subject is not { } subject || !(subjectList is null ? subjects.Contains(subject) : In(subjectList, subject, subject.Name));
        }

        return Objects is { } objects && (finding.Object is not { } obj || !(objectList is null ? objects.Contains(obj) : In(objectList, obj, obj.Name)));
    }

    /// <summary>
    /// Membership in a few items, names compared first: cheaper than hashing a record's strings, for every previous
    /// finding of the rule.
    /// </summary>
    private static bool In<T>(T[] items, T item, string name)
        where T : class
    {
        foreach (var candidate in items)
        {
            if (string.Equals(NameOf(candidate), name, StringComparison.Ordinal) && candidate.Equals(item))
            {
                return true;
            }
        }

        return false;
    }

    private static string NameOf<T>(T item) => item switch
    {
        Subject s => s.Name,
        ObjectReference o => o.Name,
        _ => string.Empty,
    };
}
