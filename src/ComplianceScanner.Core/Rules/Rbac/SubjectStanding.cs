using ComplianceScanner.Core.Layers;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>Where an RBAC subject stands in the layer model: the layer that declares it, and its team in the namespace layer.</summary>
/// <param name="Layer">A <see cref="Findings.Layer"/> name: cluster, security, namespace, or undeclared.</param>
/// <param name="Team">The team, when <paramref name="Layer"/> is the namespace layer.</param>
public sealed record SubjectStanding(string Layer, TeamDefinition? Team)
{
    public static SubjectStanding Undeclared { get; } = new(Findings.Layer.Undeclared, null);

    public bool IsClusterLayer => Layer == Findings.Layer.Cluster;

    public bool IsSecurityLayer => Layer == Findings.Layer.Security;

    public bool IsUndeclared => Layer == Findings.Layer.Undeclared;

    /// <summary><c>cluster layer</c>, <c>security layer</c>, <c>team shop</c> or <c>declared in no layer</c>: the evidence wording.</summary>
    public string Description => Team is { } team
        ? $"team {team.Name}"
        : Layer switch
        {
            Findings.Layer.Cluster => "cluster layer",
            Findings.Layer.Security => "security layer",
            _ => "declared in no layer",
        };
}
