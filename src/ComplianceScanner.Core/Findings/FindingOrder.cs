namespace ComplianceScanner.Core.Findings;

/// <summary>The one deterministic order of findings: severity (worst first), rule, object, subject, key.</summary>
public sealed class FindingOrder : IComparer<Finding>
{
    public static FindingOrder Instance { get; } = new();

    public int Compare(Finding? x, Finding? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var c = y.Severity.CompareTo(x.Severity);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(x.RuleId, y.RuleId);
        if (c != 0)
        {
            return c;
        }

        c = Comparer<Model.ObjectReference?>.Default.Compare(x.Object, y.Object);
        if (c != 0)
        {
            return c;
        }

        c = Comparer<Model.Subject?>.Default.Compare(x.Subject, y.Subject);
        return c != 0 ? c : string.CompareOrdinal(x.Key, y.Key);
    }
}
