using System.Collections.Immutable;
using System.Text.Json.Nodes;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Text;

namespace ComplianceScanner.Core.Export;

/// <summary>
/// Exports least-privilege RBAC from the layer model: one ClusterRole per duty a layer or team holds (exactly the duty's
/// rules), ClusterRoleBindings for the cluster and security layers (their duties hold everywhere), and for each team one
/// RoleBinding per duty in each namespace the team owns (its duties hold only there).
/// </summary>
public static class RbacExporter
{
    public const string ApiVersion = "rbac.authorization.k8s.io/v1";

    public static PolicyExport Export(ScannerConfig config, ExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        options ??= ExportOptions.Default;
        var objects = new List<JsonObject>();
        var notes = new List<string>();
        var used = config.ClusterLayer.Duties.Concat(config.SecurityLayer.Duties).Concat(config.Teams.SelectMany(t => t.Duties))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var name in used)
        {
            if (config.Duties.TryGetValue(name, out var duty))
            {
                objects.Add(ClusterRole(config, duty));
            }
        }

        var known = options.Namespaces.Select(n => n.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (layer, definition) in new[] { ("cluster", config.ClusterLayer), ("security", config.SecurityLayer) })
        {
            if (definition.Subjects.IsEmpty)
            {
                continue;
            }

            var (restricted, dropped) = Separated(config, definition.Duties, $"the {layer} layer", notes);
            var own = definition.Namespaces.Where(n => !Glob.IsPattern(n))
                .Concat(known.Where(n => Glob.MatchesAny(definition.Namespaces, n)))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            foreach (var duty in definition.Duties.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Where(d => !dropped.Contains(d)))
            {
                if (!restricted.Contains(duty))
                {
                    objects.Add(Binding(config, "ClusterRoleBinding", $"{ExportNames.Prefix}:{layer}:{duty}", null, duty, definition.Subjects, team: null));
                    continue;
                }

                foreach (var ns in own)
                {
                    objects.Add(Binding(config, "RoleBinding", $"{ExportNames.Prefix}:{layer}:{duty}", ns, duty, definition.Subjects, team: null));
                }
            }
        }

        var ownership = new NamespaceOwnership(config, options.Namespaces);
        foreach (var team in config.Teams)
        {
            if (team.Subjects.IsEmpty || team.Duties.IsEmpty)
            {
                continue;
            }

            // Literal names are the team's even before the namespace exists; globs and selectors only match what exists.
            var namespaces = team.Namespaces.Where(n => !Glob.IsPattern(n))
                .Concat(known.Where(n => ReferenceEquals(ownership.TeamOf(n), team)))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            if (team.Namespaces.Any(Glob.IsPattern) || team.NamespaceSelector is not null)
            {
                notes.Add(
                    $"team {team.Name} owns namespaces by glob or label selector: RoleBindings are generated for the namespaces that exist now ({(namespaces.Count == 0 ? "none" : string.Join(", ", namespaces))}); export again when namespaces are added.");
            }

            var (_, teamDropped) = Separated(config, team.Duties, $"team {team.Name}", notes);
            foreach (var ns in namespaces)
            {
                foreach (var duty in team.Duties.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Where(d => !teamDropped.Contains(d)))
                {
                    objects.Add(Binding(config, "RoleBinding", $"{ExportNames.Prefix}:{team.Name}:{duty}", ns, duty, team.Subjects, team.Name));
                }
            }
        }

        return new PolicyExport([.. objects], [.. notes]);
    }

    /// <summary>
    /// The duties a holder of <paramref name="duties"/> may not hold everywhere because of a separation rule it would break:
    /// for <c>own-namespaces</c> rules, every duty of the rule is granted only in the holder's own namespaces
    /// (<paramref name="notes"/> says so); for <c>anywhere</c> rules, the rule's last duty is not granted at all.
    /// </summary>
    private static (HashSet<string> Restricted, HashSet<string> Dropped) Separated(ScannerConfig config, ImmutableArray<string> duties, string holder, List<string> notes)
    {
        var restricted = new HashSet<string>(StringComparer.Ordinal);
        var dropped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in config.Separation.Where(r => !r.Duties.IsEmpty && r.Duties.All(d => duties.Contains(d, StringComparer.Ordinal))))
        {
            if (rule.Beyond == SeparationRule.BeyondAnywhere)
            {
                dropped.Add(rule.Duties[^1]);
                notes.Add($"{holder} declares all duties of separation rule {rule.Name} ({string.Join(", ", rule.Duties)}), which nobody may combine: {rule.Duties[^1]} is not granted. Fix scanner.yaml.");
            }
            else if (!holder.StartsWith("team ", StringComparison.Ordinal))
            {
                restricted.UnionWith(rule.Duties);
                notes.Add($"{holder} declares all duties of separation rule {rule.Name} ({string.Join(", ", rule.Duties)}), which may be combined only in one's own namespaces: they are granted by RoleBindings in the layer's namespaces only.");
            }
        }

        return (restricted, dropped);
    }

    /// <summary>The ClusterRole that holds exactly one duty.</summary>
    public static string DutyRoleName(string duty) => $"{ExportNames.Prefix}:duty:{duty}";

    private static JsonObject ClusterRole(ScannerConfig config, Duty duty) => new()
    {
        ["apiVersion"] = ApiVersion,
        ["kind"] = "ClusterRole",
        ["metadata"] = ExportNames.Metadata(config, DutyRoleName(duty.Name), null, (ExportNames.DutyAnnotation, duty.Name)),
        ["rules"] = new JsonArray([.. duty.Rules.Select(Rule)]),
    };

    private static JsonObject Rule(PolicyRule rule)
    {
        var o = new JsonObject();
        if (!rule.NonResourceUrls.IsEmpty)
        {
            o["nonResourceURLs"] = ExportNames.Strings(rule.NonResourceUrls);
        }
        else
        {
            o["apiGroups"] = ExportNames.Strings(rule.ApiGroups);
            o["resources"] = ExportNames.Strings(rule.Resources);
            if (!rule.ResourceNames.IsEmpty)
            {
                o["resourceNames"] = ExportNames.Strings(rule.ResourceNames);
            }
        }

        o["verbs"] = ExportNames.Strings(rule.Verbs);
        return o;
    }

    private static JsonObject Binding(ScannerConfig config, string kind, string name, string? ns, string duty, ImmutableArray<Subject> subjects, string? team)
    {
        var annotations = team is null ? new[] { (ExportNames.DutyAnnotation, duty) } : [(ExportNames.TeamAnnotation, team), (ExportNames.DutyAnnotation, duty)];
        return new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = kind,
            ["metadata"] = ExportNames.Metadata(config, name, ns, annotations),
            ["roleRef"] = new JsonObject
            {
                ["apiGroup"] = "rbac.authorization.k8s.io",
                ["kind"] = "ClusterRole",
                ["name"] = DutyRoleName(duty),
            },
            ["subjects"] = new JsonArray([.. subjects.Select(SubjectNode)]),
        };
    }

    private static JsonObject SubjectNode(Subject s) => s.Kind == Subject.ServiceAccountKind
        ? new JsonObject { ["kind"] = s.Kind, ["name"] = s.Name, ["namespace"] = s.Namespace }
        : new JsonObject { ["kind"] = s.Kind, ["apiGroup"] = "rbac.authorization.k8s.io", ["name"] = s.Name };
}
