namespace ComplianceScanner.Core.Diff;

/// <summary>
/// One unit of effective permission a subject holds: a verb on a resource (in an API group, optionally one named
/// object) or on a non-resource URL, cluster-wide or in one namespace. Wildcards stay literal (<c>*</c>): holding
/// <c>*</c> and holding <c>get</c> are different tuples.
/// </summary>
/// <param name="Subject">The binding subject, as <c>Kind:name</c> (<c>ServiceAccount:ns/name</c>).</param>
/// <param name="Namespace">The namespace the permission applies in; null when it applies cluster-wide.</param>
/// <param name="Verb">The verb.</param>
/// <param name="ApiGroup">API group (<c>""</c> for core); null for a non-resource URL.</param>
/// <param name="Resource">Resource, with subresource (<c>pods/exec</c>); null for a non-resource URL.</param>
/// <param name="ResourceName">The one object name the rule is restricted to; null when unrestricted.</param>
/// <param name="NonResourceUrl">The URL (or URL prefix ending in <c>*</c>) of a non-resource permission.</param>
public sealed record PermissionTuple(string Subject, string? Namespace, string Verb, string? ApiGroup, string? Resource, string? ResourceName, string? NonResourceUrl)
    : IComparable<PermissionTuple>
{
    /// <summary><c>cluster-wide</c> or the namespace.</summary>
    public string Scope => Namespace ?? "cluster-wide";

    /// <summary><c>get secrets ("")</c>, <c>get secrets/app-tls ("")</c>, <c>get /healthz</c>.</summary>
    public string Permission => NonResourceUrl is not null
        ? $"{Verb} {NonResourceUrl}"
        : $"{Verb} {Resource}{(ResourceName is null ? string.Empty : "/" + ResourceName)} ({(ApiGroup is { Length: > 0 } g ? g : "\"\"")})";

    public int CompareTo(PermissionTuple? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = string.CompareOrdinal(Subject, other.Subject);
        c = c != 0 ? c : string.CompareOrdinal(Namespace ?? string.Empty, other.Namespace ?? string.Empty);
        c = c != 0 ? c : string.CompareOrdinal(ApiGroup, other.ApiGroup);
        c = c != 0 ? c : string.CompareOrdinal(Resource, other.Resource);
        c = c != 0 ? c : string.CompareOrdinal(ResourceName, other.ResourceName);
        c = c != 0 ? c : string.CompareOrdinal(NonResourceUrl, other.NonResourceUrl);
        return c != 0 ? c : string.CompareOrdinal(Verb, other.Verb);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Subject} {Scope}: {Permission}";
}
