using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules.Gateway;

/// <summary>Evidence steps of the Gateway API rules.</summary>
internal static class GatewayEvidence
{
    public static Evidence Field(string path, string value) => new("field", path, value);

    public static Evidence Listener(Model.Gateway gateway, GatewayListener listener) => new(
        "object",
        $"{gateway.Reference}: {listener.Path}",
        $"listener {listener.Name} ({listener.Protocol} {listener.Port}, hostname {listener.Hostname ?? "unset: every host"}, routes from {listener.NamespacesFrom})");

    public static Evidence Boundary(TeamDefinition team, string what, IEnumerable<string> allowed) =>
        new("boundary", $"team {team.Name}: {what}", allowed.Any() ? string.Join(", ", allowed) : "(none declared)");

    public static string Selector(LabelSelector selector)
    {
        var parts = selector.MatchLabels.Select(kv => $"{kv.Key}={kv.Value}")
            .Concat(selector.MatchExpressions.Select(e => $"{e.Key} {e.Operator} ({string.Join(",", e.Values)})"));
        return string.Join(", ", parts);
    }
}
