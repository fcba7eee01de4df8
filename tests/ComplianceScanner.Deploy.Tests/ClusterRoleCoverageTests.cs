using ComplianceScanner.Deploy.Tests.Kustomize;
using ComplianceScanner.Snapshot.Live;
using k8s.Models;

namespace ComplianceScanner.Deploy.Tests;

public sealed class ClusterRoleCoverageTests
{
    private static readonly string[] ReadVerbs = ["get", "list", "watch"];

    /// <summary>The only writes the scanner holds: review requests for its API, its Lease, and (opt-in) PolicyReports.</summary>
    private static readonly HashSet<(string Group, string Resource, string Verb, bool ClusterWide)> AllowedWrites =
    [
        ("authentication.k8s.io", "tokenreviews", "create", true),
        ("authorization.k8s.io", "subjectaccessreviews", "create", true),
        ("coordination.k8s.io", "leases", "create", false),
        ("coordination.k8s.io", "leases", "update", false),
    ];

    private static readonly HashSet<(string Group, string Resource, string Verb, bool ClusterWide)> PolicyReportWrites =
    [
        ("wgpolicyk8s.io", "policyreports", "create", true),
        ("wgpolicyk8s.io", "policyreports", "update", true),
        ("wgpolicyk8s.io", "policyreports", "delete", true),
        ("wgpolicyk8s.io", "clusterpolicyreports", "create", true),
        ("wgpolicyk8s.io", "clusterpolicyreports", "update", true),
        ("wgpolicyk8s.io", "clusterpolicyreports", "delete", true),
    ];

    [Fact]
    public void The_reader_ClusterRole_grants_exactly_list_and_watch_on_the_kinds_the_live_source_reads()
    {
        // The reader must grant list on every kind in KnownLiveKinds (watch on the watched ones), and nothing else:
        // adding a kind to the code without adding it here fails, and so does RBAC for a kind the code no longer reads.
        var reader = Reader(DeployTree.Render("deploy"));
        var granted = Grants(reader);
        var required = KnownLiveKinds.All
            .Where(k => !k.MetadataOnly)
            .SelectMany(k => (k.Watched ? new[] { "list", "watch" } : ["list"]).Select(v => $"{v} {k.QualifiedResource}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(required, granted);
    }

    [Fact]
    public void The_reader_ClusterRole_is_read_only_and_unrestricted_by_name()
    {
        var reader = Reader(DeployTree.Render("deploy"));

        Assert.All(reader.Rules, rule =>
        {
            Assert.All(rule.Verbs, verb => Assert.Contains(verb, ReadVerbs));
            Assert.True(rule.ResourceNames is null or { Count: 0 }, "the reader lists whole kinds; resourceNames would make the scan incomplete");
            Assert.True(rule.NonResourceURLs is null or { Count: 0 });
        });
    }

    [Fact]
    public void The_reader_ClusterRole_is_bound_cluster_wide_to_the_scanner_service_account()
    {
        var grants = RbacGrants.Of(DeployTree.Render("deploy"));

        var viaReader = grants.Where(g => g.Role == "ClusterRole compliance-scanner-reader").ToList();
        Assert.NotEmpty(viaReader);
        Assert.All(viaReader, g => Assert.True(g.ClusterWide && g.Subject == RbacGrants.ScannerServiceAccount, g.ToString()));
    }

    [Fact]
    public void Secrets_are_listed_only_with_the_secrets_metadata_component_and_then_exactly_as_the_live_source_needs()
    {
        var secrets = KnownLiveKinds.All.Single(k => k.MetadataOnly);
        foreach (var variant in DeployTree.VariantNames)
        {
            var grants = RbacGrants.Of(DeployTree.Render(variant)).Where(g => g.Resource == secrets.Resource && g.Group == secrets.Group).ToList();
            if (variant is "overlays/secrets-metadata" or DeployTree.AllComponents)
            {
                var expected = secrets.Watched ? new[] { "list", "watch" } : ["list"];
                Assert.Equal(expected, grants.Select(g => g.Verb).Order(StringComparer.Ordinal));
                Assert.All(grants, g => Assert.True(g.ClusterWide && g.Subject == RbacGrants.ScannerServiceAccount && g.ResourceNames.Count == 0, g.ToString()));
            }
            else
            {
                Assert.True(grants.Count == 0, $"{variant} grants {string.Join("; ", grants)}");
            }
        }

        // The component is the only place Secrets appear in any role.
        var files = Directory.EnumerateFiles(DeployTree.Root, "*.yaml", SearchOption.AllDirectories)
            .Where(f => YamlTree.Documents(File.ReadAllText(f), f).Any(d => YamlTree.Text(d, "kind") is "ClusterRole" or "Role" && YamlTree.ToYaml(d).Contains("secrets", StringComparison.Ordinal)))
            .Select(DeployTree.Relative)
            .ToList();
        Assert.Equal(["deploy/components/secrets-metadata/clusterrole.yaml"], files);
    }

    [Theory]
    [MemberData(nameof(DeployTree.Variants), MemberType = typeof(DeployTree))]
    public void No_role_uses_wildcards_or_non_resource_urls(string variant)
    {
        var objects = DeployTree.Render(variant);
        var rules = KubernetesModels.OfType<V1ClusterRole>(objects).SelectMany(r => r.Rules ?? [])
            .Concat(KubernetesModels.OfType<V1Role>(objects).SelectMany(r => r.Rules ?? []))
            .ToList();

        Assert.NotEmpty(rules);
        Assert.All(rules, rule =>
        {
            Assert.DoesNotContain("*", rule.Verbs);
            Assert.DoesNotContain("*", rule.ApiGroups ?? []);
            Assert.DoesNotContain(rule.Resources ?? [], r => r.Contains('*', StringComparison.Ordinal));
            Assert.True(rule.NonResourceURLs is null or { Count: 0 });
        });
    }

    [Theory]
    [MemberData(nameof(DeployTree.Variants), MemberType = typeof(DeployTree))]
    public void Every_write_is_one_the_deployment_explains(string variant)
    {
        var grants = RbacGrants.Of(DeployTree.Render(variant));
        var allowed = new HashSet<(string, string, string, bool)>(AllowedWrites);
        if (variant is "overlays/policyreports" or DeployTree.AllComponents)
        {
            allowed.UnionWith(PolicyReportWrites);
        }

        var unexplained = grants
            .Where(g => !ReadVerbs.Contains(g.Verb) && !allowed.Contains((g.Group, g.Resource, g.Verb, g.ClusterWide)))
            .Select(g => g.ToString())
            .ToList();
        Assert.Empty(unexplained);

        // Namespaced writes stay in the scanner's namespace, on its own Lease where RBAC can name it.
        Assert.All(grants.Where(g => !g.ClusterWide), g => Assert.Equal("compliance-scanner", g.Namespace));
        Assert.All(grants.Where(g => g.Resource == "leases" && g.Verb != "create"), g => Assert.Equal(["compliance-scanner"], g.ResourceNames));
    }

    [Theory]
    [MemberData(nameof(DeployTree.Variants), MemberType = typeof(DeployTree))]
    public void Every_binding_binds_only_the_scanner_service_account(string variant)
    {
        var grants = RbacGrants.Of(DeployTree.Render(variant));

        Assert.NotEmpty(grants);
        Assert.All(grants, g => Assert.Equal(RbacGrants.ScannerServiceAccount, g.Subject));
    }

    private static V1ClusterRole Reader(List<RenderedObject> objects) =>
        KubernetesModels.OfType<V1ClusterRole>(objects).Single(r => r.Metadata.Name == "compliance-scanner-reader");

    private static List<string> Grants(V1ClusterRole role) =>
    [
        .. role.Rules
            .SelectMany(r => r.ApiGroups.SelectMany(g => r.Resources.SelectMany(res => r.Verbs.Select(v => $"{v} {(g.Length == 0 ? res : res + "." + g)}"))))
            .Distinct()
            .Order(StringComparer.Ordinal),
    ];
}
