namespace ComplianceScanner.Core.Model;

/// <summary>
/// A Gateway API object reference as written (parentRefs, backendRefs, certificateRefs): group and kind default per field
/// (see the mapping), and a null namespace means the referring object's own namespace.
/// </summary>
/// <param name="Path">Where it is written, e.g. <c>spec.rules[0].backendRefs[1]</c>.</param>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Kind">Kind, e.g. <c>Service</c>, <c>Secret</c>, <c>Gateway</c>.</param>
/// <param name="Name">Name of the referent.</param>
/// <param name="Namespace">Namespace as written, or null for the referring object's namespace.</param>
/// <param name="SectionName">For parentRefs: the listener name, when given.</param>
/// <param name="Port">Port, when given.</param>
public sealed record GatewayReference(string Path, string Group, string Kind, string Name, string? Namespace, string? SectionName = null, int? Port = null)
{
    /// <summary>The namespace the reference points into, given the referring object's namespace.</summary>
    public string TargetNamespace(string fromNamespace) => Namespace ?? fromNamespace;

    /// <summary>True when it points into another namespace than the referring object's.</summary>
    public bool IsCrossNamespace(string fromNamespace) => Namespace is not null && !string.Equals(Namespace, fromNamespace, StringComparison.Ordinal);

    /// <summary><c>Kind/namespace/name</c> (group-qualified for non-core groups other than the Gateway API's own).</summary>
    public string Describe(string fromNamespace) =>
        $"{(Group.Length == 0 || Group == GatewayApi.Group ? Kind : Kind + "." + Group)}/{TargetNamespace(fromNamespace)}/{Name}";
}
