namespace ComplianceScanner.Core.Permissions;

/// <summary>What a TYPE argument resolved to: the resource and group an authorization request names.</summary>
/// <param name="Resource">The plural resource (<c>ingresses</c>), <c>*</c>, or the literal name of an unknown type.</param>
/// <param name="Group">The API group; <c>""</c> is the core group.</param>
/// <param name="Known">The built-in resource it resolved to; null for <c>*</c> and for unknown types.</param>
/// <param name="Warning">Why the type was taken as written (kubectl warns the same way); null when it resolved or needs no warning.</param>
public sealed record ResourceResolution(string Resource, string Group, ApiResource? Known, string? Warning)
{
    /// <summary>
    /// Whether requests on it carry a namespace. Unknown types and <c>*</c> count as namespaced, as kubectl assumes when
    /// discovery cannot tell.
    /// </summary>
    public bool IsNamespaced => Known?.Namespaced ?? true;

    /// <summary><c>ingresses.networking.k8s.io</c>, or <c>pods</c> for the core group.</summary>
    public string QualifiedName => Group.Length == 0 ? Resource : $"{Resource}.{Group}";
}
