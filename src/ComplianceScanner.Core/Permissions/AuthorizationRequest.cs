using System.Text;

namespace ComplianceScanner.Core.Permissions;

/// <summary>
/// The attributes the RBAC authorizer decides on (<c>authorizer.Attributes</c>): a resource request (verb, API group,
/// resource, subresource, name, namespace) or a non-resource request (verb, path).
/// </summary>
/// <remarks>
/// <see cref="Namespace"/> is empty for cluster-scoped resources and for requests across all namespaces; only
/// ClusterRoleBindings can allow those. The API server sets the namespace of a request on a Namespace object
/// (<c>get namespaces/shop</c>) to that namespace; callers building such requests should do the same.
/// </remarks>
public sealed record AuthorizationRequest
{
    public required string Verb { get; init; }

    /// <summary>True for resource requests; false for non-resource URLs such as <c>/healthz</c>.</summary>
    public bool IsResourceRequest { get; init; } = true;

    /// <summary>API group; <c>""</c> is the core group.</summary>
    public string ApiGroup { get; init; } = string.Empty;

    public string Resource { get; init; } = string.Empty;

    public string Subresource { get; init; } = string.Empty;

    /// <summary>Object name; empty for create, list, watch and deletecollection.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Namespace; empty for cluster-scoped or all-namespaces requests.</summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary>The URL path of a non-resource request.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary><c>resource</c> or <c>resource/subresource</c>, as <c>RuleAllows</c> compares it.</summary>
    public string CombinedResource => Subresource.Length == 0 ? Resource : $"{Resource}/{Subresource}";

    /// <summary>A resource request.</summary>
    public static AuthorizationRequest ForResource(
        string verb, string apiGroup, string resource, string @namespace = "", string name = "", string subresource = "") =>
        new()
        {
            Verb = verb,
            ApiGroup = apiGroup,
            Resource = resource,
            Namespace = @namespace,
            Name = name,
            Subresource = subresource,
        };

    /// <summary>A non-resource request (always cluster-wide).</summary>
    public static AuthorizationRequest ForNonResource(string verb, string path) =>
        new() { Verb = verb, IsResourceRequest = false, Path = path };

    /// <summary>The denial-log wording of the Go authorizer: <c>"get" resource "ingresses.networking.k8s.io/status" named "x" in namespace "shop"</c>.</summary>
    public override string ToString()
    {
        var b = new StringBuilder();
        if (IsResourceRequest)
        {
            b.Append('"').Append(Verb).Append("\" resource \"").Append(Resource);
            if (ApiGroup.Length > 0)
            {
                b.Append('.').Append(ApiGroup);
            }

            if (Subresource.Length > 0)
            {
                b.Append('/').Append(Subresource);
            }

            b.Append('"');
            if (Name.Length > 0)
            {
                b.Append(" named \"").Append(Name).Append('"');
            }
        }
        else
        {
            b.Append('"').Append(Verb).Append("\" nonResourceURL \"").Append(Path).Append('"');
        }

        var ns = IsResourceRequest ? Namespace : string.Empty;
        b.Append(ns.Length > 0 ? $" in namespace \"{ns}\"" : " cluster-wide");
        return b.ToString();
    }
}
