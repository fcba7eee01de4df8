using System.Collections.Immutable;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Cli;

/// <summary>
/// Turns <c>VERB (TYPE | TYPE/NAME | NONRESOURCEURL)</c> and the namespace flags into an authorization request, with the
/// syntax of <c>kubectl auth can-i</c> (<c>pkg/cmd/auth/cani.go</c>) and the namespace the API server would give the
/// real request.
/// </summary>
internal static class AccessQueryParser
{
    /// <summary>The namespace when neither <c>-n</c> nor <c>-A</c> is given: kubeconfig's default, which offline is always <c>default</c>.</summary>
    public const string DefaultNamespace = "default";

    // kubectl's lists: other verbs are asked anyway, with a warning.
    private static readonly ImmutableHashSet<string> ResourceVerbs = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "use", "bind", "impersonate", "*", "approve", "sign", "escalate", "attest");

    private static readonly ImmutableHashSet<string> NonResourceVerbs = ImmutableHashSet.Create(
        StringComparer.Ordinal, "get", "put", "post", "head", "options", "delete", "patch", "*");

    /// <summary>Parses one question.</summary>
    /// <param name="verb">VERB, taken literally (<c>*</c> asks for a rule granting every verb).</param>
    /// <param name="target">TYPE, TYPE/NAME, or a non-resource URL starting with <c>/</c>.</param>
    /// <param name="subresource">The <c>--subresource</c> value, or null.</param>
    /// <param name="ns">The <c>-n</c> value, or null when not given.</param>
    /// <param name="allNamespaces"><c>-A</c>: ask for all namespaces at once (namespace <c>""</c>); wins over <c>-n</c>, as in kubectl.</param>
    /// <exception cref="UserInputException">A combination kubectl rejects, or <c>-n</c> with a URL.</exception>
    public static AccessQuery Parse(string verb, string target, string? subresource, string? ns, bool allNamespaces)
    {
        ArgumentNullException.ThrowIfNull(verb);
        ArgumentNullException.ThrowIfNull(target);
        var warnings = ImmutableArray.CreateBuilder<string>();
        if (ns is not null && ns.Length == 0)
        {
            throw new UserInputException("-n/--namespace: the namespace is empty; use -A/--all-namespaces to ask about all namespaces at once.");
        }

        if (target.Length == 0)
        {
            throw new UserInputException("the TYPE argument is empty: give TYPE, TYPE/NAME or a non-resource URL starting with '/'.");
        }

        if (target.StartsWith('/'))
        {
            if (!string.IsNullOrEmpty(subresource))
            {
                throw new UserInputException("--subresource can not be used with NONRESOURCEURL.");
            }

            if (ns is not null)
            {
                throw new UserInputException("-n/--namespace can not be used with NONRESOURCEURL: non-resource URLs are not namespaced.");
            }

            if (!NonResourceVerbs.Contains(verb))
            {
                warnings.Add($"verb '{verb}' is not a known verb");
            }

            return new AccessQuery(AuthorizationRequest.ForNonResource(verb, target), null, warnings.ToImmutable());
        }

        // kubectl splits on the first '/': "pods/log" is the pod named "log", not a subresource (use --subresource).
        var slash = target.IndexOf('/', StringComparison.Ordinal);
        var type = slash >= 0 ? target[..slash] : target;
        var name = slash >= 0 ? target[(slash + 1)..] : string.Empty;
        if (type.Length == 0)
        {
            throw new UserInputException($"'{target}' has no TYPE before the '/'.");
        }

        var resource = KnownResources.Resolve(type);
        if (resource.Warning is not null)
        {
            warnings.Add(resource.Warning);
        }

        var requestNs = allNamespaces ? string.Empty : ns ?? DefaultNamespace;
        if (allNamespaces && ns is not null)
        {
            warnings.Add("-A/--all-namespaces overrides -n/--namespace");
        }

        if (!resource.IsNamespaced)
        {
            if (ns is not null && !allNamespaces)
            {
                warnings.Add(resource.Group.Length == 0
                    ? $"resource '{resource.Resource}' is not namespace scoped; the namespace is ignored"
                    : $"resource '{resource.Resource}' is not namespace scoped in group '{resource.Group}'; the namespace is ignored");
            }

            // The API server gives a request on a cluster-scoped resource no namespace; on a Namespace object, the
            // namespace is the object's name (RequestInfo), so RoleBindings in that namespace apply to it.
            requestNs = resource is { Resource: "namespaces", Group: "" } ? name : string.Empty;
        }

        if (!ResourceVerbs.Contains(verb))
        {
            warnings.Add($"verb '{verb}' is not a known verb");
        }

        var request = AuthorizationRequest.ForResource(verb, resource.Group, resource.Resource, requestNs, name, subresource ?? string.Empty);
        return new AccessQuery(request, resource, warnings.ToImmutable());
    }
}
