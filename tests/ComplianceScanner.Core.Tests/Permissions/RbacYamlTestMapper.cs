using System.Collections.Immutable;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Snapshot;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Core.Tests.Permissions;

/// <summary>
/// Test-only mapper from RBAC manifests (documents or <c>kind: List</c>) to the Core model, so the engine can be tested
/// against real manifests independently of the snapshot loader. Reads Role, ClusterRole, RoleBinding, ClusterRoleBinding
/// and ServiceAccount; ignores other kinds.
/// </summary>
internal static class RbacYamlTestMapper
{
    public static ClusterSnapshot Load(IEnumerable<string> paths)
    {
        var roles = ImmutableArray.CreateBuilder<RbacRole>();
        var clusterRoles = ImmutableArray.CreateBuilder<RbacRole>();
        var roleBindings = ImmutableArray.CreateBuilder<RbacBinding>();
        var clusterRoleBindings = ImmutableArray.CreateBuilder<RbacBinding>();
        var serviceAccounts = ImmutableArray.CreateBuilder<ServiceAccountObject>();
        foreach (var path in paths)
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(path))
            {
                stream.Load(reader);
            }

            foreach (var doc in stream.Documents)
            {
                if (doc.RootNode is not YamlMappingNode root)
                {
                    continue;
                }

                var items = Str(root, "kind") == "List" && Get(root, "items") is YamlSequenceNode seq
                    ? seq.Children.OfType<YamlMappingNode>()
                    : [root];
                foreach (var item in items)
                {
                    switch (Str(item, "kind"))
                    {
                        case "Role":
                            roles.Add(Role(item));
                            break;
                        case "ClusterRole":
                            clusterRoles.Add(Role(item));
                            break;
                        case "RoleBinding":
                            roleBindings.Add(Binding(item));
                            break;
                        case "ClusterRoleBinding":
                            clusterRoleBindings.Add(Binding(item));
                            break;
                        case "ServiceAccount":
                            serviceAccounts.Add(new ServiceAccountObject { Metadata = Meta(item) });
                            break;
                    }
                }
            }
        }

        return new ClusterSnapshot
        {
            Roles = roles.ToImmutable(),
            ClusterRoles = clusterRoles.ToImmutable(),
            RoleBindings = roleBindings.ToImmutable(),
            ClusterRoleBindings = clusterRoleBindings.ToImmutable(),
            ServiceAccounts = serviceAccounts.ToImmutable(),
        };
    }

    private static RbacRole Role(YamlMappingNode node)
    {
        var selectors = Get(node, "aggregationRule") is YamlMappingNode agg && Get(agg, "clusterRoleSelectors") is YamlSequenceNode sels
            ? sels.Children.OfType<YamlMappingNode>().Select(Selector).ToImmutableArray()
            : [];
        var rules = Get(node, "rules") is YamlSequenceNode rs
            ? rs.Children.OfType<YamlMappingNode>().Select(Rule).ToImmutableArray()
            : [];
        return new RbacRole { Metadata = Meta(node), Rules = rules, AggregationSelectors = selectors };
    }

    private static RbacBinding Binding(YamlMappingNode node)
    {
        var roleRef = (YamlMappingNode)Get(node, "roleRef")!;
        var subjects = Get(node, "subjects") is YamlSequenceNode ss
            ? ss.Children.OfType<YamlMappingNode>().Select(s => new Subject(Str(s, "kind")!, Str(s, "name")!, Str(s, "namespace"))).ToImmutableArray()
            : [];
        return new RbacBinding
        {
            Metadata = Meta(node),
            RoleRef = new RoleRef(Str(roleRef, "kind")!, Str(roleRef, "name")!),
            Subjects = subjects,
        };
    }

    private static PolicyRule Rule(YamlMappingNode node) => new()
    {
        Verbs = List(node, "verbs"),
        ApiGroups = List(node, "apiGroups"),
        Resources = List(node, "resources"),
        ResourceNames = List(node, "resourceNames"),
        NonResourceUrls = List(node, "nonResourceURLs"),
    };

    private static LabelSelector Selector(YamlMappingNode node) => new()
    {
        MatchLabels = Map(node, "matchLabels"),
        MatchExpressions = Get(node, "matchExpressions") is YamlSequenceNode exprs
            ? exprs.Children.OfType<YamlMappingNode>()
                .Select(e => new LabelSelectorRequirement(Str(e, "key")!, Str(e, "operator")!, List(e, "values")))
                .ToImmutableArray()
            : [],
    };

    private static ObjectMeta Meta(YamlMappingNode node)
    {
        var meta = (YamlMappingNode)Get(node, "metadata")!;
        return new ObjectMeta
        {
            Name = Str(meta, "name")!,
            Namespace = Str(meta, "namespace"),
            Labels = Map(meta, "labels"),
            Annotations = Map(meta, "annotations"),
        };
    }

    private static YamlNode? Get(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Str(YamlMappingNode node, string key) => Get(node, key) is YamlScalarNode s ? s.Value : null;

    private static ImmutableArray<string> List(YamlMappingNode node, string key) =>
        Get(node, key) is YamlSequenceNode seq ? [.. seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty)] : [];

    private static ImmutableSortedDictionary<string, string> Map(YamlMappingNode node, string key) =>
        Get(node, key) is YamlMappingNode map
            ? map.Children.ToImmutableSortedDictionary(
                kv => ((YamlScalarNode)kv.Key).Value!,
                kv => (kv.Value as YamlScalarNode)?.Value ?? string.Empty,
                StringComparer.Ordinal)
            : ImmutableSortedDictionary<string, string>.Empty;
}
