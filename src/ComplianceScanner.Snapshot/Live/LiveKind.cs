namespace ComplianceScanner.Snapshot.Live;

/// <summary>
/// A resource the live snapshot reads: where it lives in the API (group, version, plural resource), whether it is
/// namespaced, and how it is read. The agent's ClusterRole must grant <c>list</c> (and <c>watch</c> where
/// <see cref="Watched"/>) on each of these, cluster-wide.
/// </summary>
/// <param name="Resource">Plural resource name, e.g. <c>rolebindings</c>.</param>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Version">API version within the group, e.g. <c>v1</c>.</param>
/// <param name="Kind">The object kind, e.g. <c>RoleBinding</c>.</param>
/// <param name="Namespaced">True for namespaced resources (listed across all namespaces).</param>
/// <param name="Optional">Read only when discovery shows the API server serves it (newer or optional APIs).</param>
/// <param name="Watched">Kept current by a watch in the continuous mode, after the first full list.</param>
/// <param name="MetadataOnly">Read as PartialObjectMetadata: the object body (a Secret's data) is never requested.</param>
public sealed record LiveKind(
    string Resource,
    string Group,
    string Version,
    string Kind,
    bool Namespaced,
    bool Optional = false,
    bool Watched = false,
    bool MetadataOnly = false)
{
    /// <summary><c>v1</c> or <c>group/version</c>.</summary>
    public string GroupVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>The resource as kubectl and RBAC messages name it: <c>secrets</c>, <c>ingresses.networking.k8s.io</c>.</summary>
    public string QualifiedResource => Group.Length == 0 ? Resource : Resource + "." + Group;

    /// <summary>The RBAC permission needed for <paramref name="verb"/>, e.g. <c>list secrets (core) cluster-wide</c>.</summary>
    public string Permission(string verb) => $"{verb} {Resource} ({(Group.Length == 0 ? "core" : Group)}) cluster-wide";

    public override string ToString() => QualifiedResource;
}
