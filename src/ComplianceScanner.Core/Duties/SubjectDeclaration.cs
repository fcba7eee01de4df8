using System.Collections.Immutable;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Rules.Rbac;

namespace ComplianceScanner.Core.Duties;

/// <summary>
/// What scanner.yaml says about a subject: its layer (cluster, security, namespace for a team's subject, or undeclared),
/// its team, and the duties it may hold. Cluster and security layer duties are allowed cluster-wide; a team's duties
/// only in the team's namespaces (S3).
/// </summary>
/// <param name="Subject">The subject, canonical (see <see cref="SubjectIdentity"/>).</param>
/// <param name="Layer">One of <see cref="Findings.Layer"/>'s values: cluster, security, namespace or undeclared.</param>
/// <param name="Team">The team, when <paramref name="Layer"/> is namespace.</param>
/// <param name="Duties">The duties its layer or team declares, sorted; empty when undeclared.</param>
public sealed record SubjectDeclaration(Subject Subject, string Layer, TeamDefinition? Team, ImmutableArray<string> Duties)
{
    public bool IsDeclared => Layer != Findings.Layer.Undeclared;

    /// <summary>An implicit group or the anonymous user: "everyone" of some kind (see <see cref="BuiltinRecognition.IsBroadIdentity"/>).</summary>
    public bool IsBroad => BuiltinRecognition.IsBroadIdentity(Subject);

    /// <summary>A Kubernetes component identity (see <see cref="BuiltinRecognition.IsBuiltinSubject"/>).</summary>
    public bool IsBuiltin => BuiltinRecognition.IsBuiltinSubject(Subject);

    /// <summary>Who an implicit identity stands for, e.g. <c>every service account in namespace legacy</c>; null when not broad.</summary>
    public string? Members => IsBroad ? BroadDescription(Subject) : null;

    /// <summary>The layer verdict in words, e.g. <c>team shop: may hold route-editing, tls-management in its namespaces (shop, shop-*)</c>.</summary>
    public string Verdict => Layer switch
    {
        Findings.Layer.Cluster or Findings.Layer.Security =>
            $"{Layer} layer: may hold {List(Duties)} cluster-wide",
        Findings.Layer.Namespace when Team is not null =>
            $"team {Team.Name}: may hold {List(Duties)} in its namespaces ({TeamNamespaces(Team)})",
        _ when IsBroad => $"implicit identity ({Members}), declared in no layer",
        _ => "declared in no layer of scanner.yaml",
    };

    /// <summary>The team's namespaces in words: names and globs, then the label selector.</summary>
    public static string TeamNamespaces(TeamDefinition team)
    {
        ArgumentNullException.ThrowIfNull(team);
        var parts = new List<string>(team.Namespaces);
        if (team.NamespaceSelector is { } selector)
        {
            var requirements = selector.MatchLabels.Select(l => $"{l.Key}={l.Value}")
                .Concat(selector.MatchExpressions.Select(e => $"{e.Key} {e.Operator} ({string.Join(", ", e.Values)})"));
            parts.Add($"labelled {string.Join(", ", requirements)}");
        }

        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    private static string List(ImmutableArray<string> duties) => duties.IsEmpty ? "no duty" : string.Join(", ", duties);

    private static string BroadDescription(Subject subject) => subject.Name switch
    {
        Permissions.UserInfo.AuthenticatedGroup => "every authenticated user",
        Permissions.UserInfo.UnauthenticatedGroup => "every unauthenticated request",
        Permissions.UserInfo.ServiceAccountsGroup => "every service account",
        Permissions.UserInfo.AnonymousUser => "every anonymous request",
        var name when name.StartsWith(Permissions.UserInfo.ServiceAccountNamespaceGroupPrefix, StringComparison.Ordinal) =>
            $"every service account in namespace {name[Permissions.UserInfo.ServiceAccountNamespaceGroupPrefix.Length..]}",
        _ => "a broad identity",
    };
}
