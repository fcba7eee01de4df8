namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// Short, stable wording of permissions for finding keys and messages: verbs in the conventional order
/// (<c>get, list, watch, create, update, patch, delete, deletecollection</c>, then others alphabetically) and
/// <c>resource verb,verb</c> items joined by <c>"; "</c>.
/// </summary>
public static class PermissionText
{
    private static readonly string[] Conventional = ["*", "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];

    /// <summary>Compares verbs in the conventional order.</summary>
    public static IComparer<string> VerbOrder { get; } = Comparer<string>.Create((a, b) =>
    {
        var ia = Array.IndexOf(Conventional, a);
        var ib = Array.IndexOf(Conventional, b);
        if (ia >= 0 && ib >= 0)
        {
            return ia.CompareTo(ib);
        }

        if (ia >= 0 || ib >= 0)
        {
            return ia >= 0 ? -1 : 1;
        }

        return string.CompareOrdinal(a, b);
    });

    /// <summary><c>get,list,watch</c>: distinct verbs in the conventional order.</summary>
    public static string Verbs(IEnumerable<string> verbs) => string.Join(',', verbs.Distinct(StringComparer.Ordinal).Order(VerbOrder));

    /// <summary>
    /// <c>pods/exec create,get; pods/portforward create</c>: per resource (sorted), its verbs in the conventional order.
    /// </summary>
    public static string ByResource(IEnumerable<(string Resource, string Verb)> permissions) =>
        string.Join("; ", permissions
            .GroupBy(p => p.Resource, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {Verbs(g.Select(p => p.Verb))}"));
}
