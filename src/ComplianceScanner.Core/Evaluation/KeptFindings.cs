using System.Collections.Immutable;
using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Evaluation;

/// <summary>
/// The previous findings a re-evaluation keeps: the previous sorted, distinct list with a flag per finding, so that
/// nothing the size of the list is copied before the merge writes the result.
/// </summary>
internal sealed class KeptFindings(ImmutableArray<Finding> all, bool[] keeps, int count)
{
    private static readonly Severity[] Severities = Enum.GetValues<Severity>();

    /// <summary>How many findings are kept.</summary>
    public int Count => count;

    /// <summary>Length of the underlying previous list (positions below are in it).</summary>
    public int Length => all.Length;

    /// <summary>The kept findings, in order.</summary>
    public IEnumerable<Finding> Matching(Func<Finding, bool> predicate)
    {
        for (var i = 0; i < all.Length; i++)
        {
            if (keeps[i] && predicate(all[i]))
            {
                yield return all[i];
            }
        }
    }

    /// <summary>
    /// Whether a kept finding has the fingerprint of <paramref name="finding"/>: the same rule, object, subject and key,
    /// which sort together within each severity.
    /// </summary>
    public bool ContainsFingerprint(Finding finding)
    {
        foreach (var severity in Severities)
        {
            var probe = severity == finding.Severity ? finding : finding with { Severity = severity };
            var at = ImmutableArray.BinarySearch(all, probe, FindingOrder.Instance);
            if (at >= 0 && keeps[at])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The position, at or after <paramref name="from"/>, before which <paramref name="finding"/> sorts.</summary>
    public int InsertionPoint(int from, Finding finding)
    {
        var at = ImmutableArray.BinarySearch(all, from, all.Length - from, finding, FindingOrder.Instance);
        return at < 0 ? ~at : at;
    }

    /// <summary>Appends the kept findings at positions [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public void CopyTo(ImmutableArray<Finding>.Builder target, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (keeps[i])
            {
                target.Add(all[i]);
            }
        }
    }
}
