using System.Globalization;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Snapshot.Manifests;
using ComplianceScanner.TestSupport;
using Xunit.Abstractions;

namespace ComplianceScanner.Snapshot.Tests.Manifests;

/// <summary>The loader against the shared corpus of third-party manifests (../shared/corpus, described by its SOURCES.md).</summary>
public sealed class ManifestLoaderCorpusTests(ITestOutputHelper output)
{
    /// <summary>
    /// Files in the corpus that are not Kubernetes manifests: the peers' expected results and rule metadata (kubescape),
    /// and a check definition that embeds manifests as strings (trivy-checks). They are skipped, and listed.
    /// </summary>
    private static bool IsNotAManifest(string corpus, string file)
    {
        var name = Path.GetFileName(file);
        var relative = Path.GetRelativePath(corpus, file).Replace('\\', '/');
        return name is "expected.json" or "rule.metadata.json"
            || relative == "trivy-checks/checks/kubernetes/insecure_ingress_nginx.yaml";
    }

    private static List<string> ManifestFiles(string corpus) =>
        [.. Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    [SkippableFact]
    public void Every_corpus_manifest_loads_with_zero_errors()
    {
        var corpus = SharedCorpus.RequirePath();
        var files = ManifestFiles(corpus);
        var skipped = files.Where(f => IsNotAManifest(corpus, f)).ToList();
        var manifests = files.Except(skipped).ToList();
        output.WriteLine($"skipped {skipped.Count} files that are not Kubernetes manifests:");
        foreach (var file in skipped)
        {
            output.WriteLine("  " + Path.GetRelativePath(corpus, file));
        }

        var result = new ManifestLoader().Load(manifests);

        Assert.Empty(result.Errors.Select(e => e.ToString()));
        Assert.True(result.Snapshot.IsComplete);
        Assert.Equal(manifests.Count, result.FileCount);
        Assert.True(result.ObjectCount > 1000, $"only {result.ObjectCount} objects");
    }

    [SkippableFact]
    public void Skipped_corpus_files_are_reported_as_not_kubernetes_objects_when_loaded_anyway()
    {
        var corpus = SharedCorpus.RequirePath();
        var skipped = ManifestFiles(corpus).Where(f => IsNotAManifest(corpus, f)).ToList();
        Assert.NotEmpty(skipped);

        var result = new ManifestLoader().Load(skipped);

        // Each one fails loudly rather than loading as nothing: it is never silently dropped.
        Assert.Equal(0, result.ObjectCount);
        Assert.All(skipped, f => Assert.Contains(result.Errors, e => e.File == f));
        Assert.All(result.Errors, e => Assert.Contains("not a Kubernetes object", e.Message, StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Object_counts_per_kind_match_the_corpus_sources()
    {
        var corpus = SharedCorpus.RequirePath();
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        var loader = new ManifestLoader();
        foreach (var file in ManifestFiles(corpus).Where(f => !IsNotAManifest(corpus, f)))
        {
            // One file at a time: SOURCES.md counts every object, also those that several test cases share by name.
            var result = loader.Load([file]);
            total += result.ObjectCount;
            var s = result.Snapshot;
            Add(counts, "ClusterRole", s.ClusterRoles.Length);
            Add(counts, "ClusterRoleBinding", s.ClusterRoleBindings.Length);
            Add(counts, "Role", s.Roles.Length);
            Add(counts, "RoleBinding", s.RoleBindings.Length);
            Add(counts, "Ingress", s.Ingresses.Length);
            Add(counts, "IngressClass", s.IngressClasses.Length);
            Add(counts, "Service", s.Services.Length);
            Add(counts, "ServiceAccount", s.ServiceAccounts.Length);
            Add(counts, "Namespace", s.Namespaces.Length);
            Add(counts, "Deployment", s.Workloads.Count(w => w.Kind == "Deployment"));
            Add(counts, "GatewayClass", s.GatewayClasses.Length);
            Add(counts, "Gateway", s.Gateways.Length);
            Add(counts, "HTTPRoute", s.GatewayRoutes.Count(r => r.Kind == "HTTPRoute"));
            Add(counts, "GRPCRoute", s.GatewayRoutes.Count(r => r.Kind == "GRPCRoute"));
            Add(counts, "ReferenceGrant", s.ReferenceGrants.Length);
            foreach (var (kind, n) in s.UnknownKinds)
            {
                Add(counts, kind[(kind.LastIndexOf('/') + 1)..], n);
            }
        }

        foreach (var (kind, n) in counts)
        {
            output.WriteLine($"{kind}: {n}");
        }

        output.WriteLine($"total: {total}");
        Assert.Equal(235, counts["ClusterRole"]);
        Assert.Equal(139, counts["ClusterRoleBinding"]);
        Assert.Equal(136, counts["RoleBinding"]);
        Assert.Equal(134, counts["Ingress"]);
        Assert.Equal(119, counts["Role"]);
        Assert.Equal(112, counts["Service"]);
        Assert.Equal(64, counts["EndpointSlice"]);
        Assert.Equal(58, counts["HTTPRoute"]);
        Assert.Equal(25, counts["Gateway"]);
        Assert.Equal(24, counts["ServiceAccount"]);
        Assert.Equal(18, counts["Deployment"]);
        Assert.Equal(17, counts["Namespace"]);
        Assert.Equal(12, counts["IngressClass"]);
        Assert.Equal(7, counts["GRPCRoute"]);
        Assert.Equal(5, counts["GatewayClass"]);
        Assert.Equal(3, counts["ReferenceGrant"]);
    }

    [SkippableFact]
    public void Bootstrap_policy_lists_expand_into_the_documented_roles_and_bindings()
    {
        var dir = Path.Combine(SharedCorpus.RequirePath(), "kubernetes-bootstrappolicy");
        string File(string name) => Directory.EnumerateFiles(dir, name, SearchOption.AllDirectories).Single();

        var loader = new ManifestLoader();
        Assert.Equal(31, loader.Load([File("cluster-roles.yaml")]).Snapshot.ClusterRoles.Length);
        Assert.Equal(38, loader.Load([File("controller-roles.yaml")]).Snapshot.ClusterRoles.Length);
        Assert.Equal(10, loader.Load([File("cluster-role-bindings.yaml")]).Snapshot.ClusterRoleBindings.Length);
        Assert.Equal(38, loader.Load([File("controller-role-bindings.yaml")]).Snapshot.ClusterRoleBindings.Length);
        Assert.Equal(7, loader.Load([File("namespace-roles.yaml")]).Snapshot.Roles.Length);
        Assert.Equal(7, loader.Load([File("namespace-role-bindings.yaml")]).Snapshot.RoleBindings.Length);

        var all = loader.Load([dir]);
        Assert.Empty(all.Errors);
        var s = all.Snapshot;
        Assert.Equal(69, s.ClusterRoles.Length);

        var clusterAdmin = s.ClusterRoles.Single(r => r.Metadata.Name == "cluster-admin");
        Assert.Null(clusterAdmin.Metadata.Namespace);
        Assert.Equal("rbac-defaults", clusterAdmin.Metadata.Label("kubernetes.io/bootstrapping"));
        Assert.Contains(clusterAdmin.Rules, r => r.Verbs.SequenceEqual(["*"]) && r.ApiGroups.SequenceEqual(["*"]) && r.Resources.SequenceEqual(["*"]));
        Assert.Contains(clusterAdmin.Rules, r => r.NonResourceUrls.SequenceEqual(["*"]));
        var binding = s.ClusterRoleBindings.Single(b => b.Metadata.Name == "cluster-admin");
        Assert.Equal(new RoleRef("ClusterRole", "cluster-admin"), binding.RoleRef);
        Assert.Equal([Subject.Group("system:masters")], binding.Subjects.ToArray());

        // Aggregated roles are stored with rules: null; the loader keeps them empty with their selectors.
        var admin = s.ClusterRoles.Single(r => r.Metadata.Name == "admin");
        Assert.Empty(admin.Rules);
        Assert.True(admin.IsAggregated);
        Assert.Equal("true", admin.AggregationSelectors[0].MatchLabels["rbac.authorization.k8s.io/aggregate-to-admin"]);

        var editAggregate = s.ClusterRoles.Single(r => r.Metadata.Name == "system:aggregate-to-edit");
        Assert.Contains(editAggregate.Rules, r => r.Resources.Contains("pods/exec") && r.Verbs.Contains("create"));
        Assert.Contains(editAggregate.Rules, r => r.Resources.Contains("serviceaccounts") && r.Verbs.SequenceEqual(["impersonate"]));

        var aggregationController = s.ClusterRoles.Single(r => r.Metadata.Name == "system:controller:clusterrole-aggregation-controller");
        Assert.Contains(aggregationController.Rules, r => r.Resources.Contains("clusterroles") && r.Verbs.Contains("escalate"));

        // Every object remembers its file, document and own line inside the List.
        var source = admin.Metadata.Source;
        Assert.EndsWith("cluster-roles.yaml", source.File, StringComparison.Ordinal);
        Assert.Equal(0, source.DocumentIndex);
        Assert.True(source.Line > 1);
        var fromFile = s.ClusterRoles.Where(r => r.Metadata.Source.File == source.File).ToList();
        Assert.Equal(31, fromFile.Count);
        Assert.Equal(31, fromFile.Select(r => r.Metadata.Source.Line).Distinct().Count());
    }

    [SkippableFact]
    public void Tab_before_an_inline_comment_is_accepted_as_the_go_yaml_parser_accepts_it()
    {
        var file = Path.Combine(SharedCorpus.RequirePath(), "kubescape-regolibrary", "rules", "role-in-default-namespace", "test", "role", "input", "role.yaml");
        Assert.Contains("]\t  #", System.IO.File.ReadAllText(file), StringComparison.Ordinal);

        var result = new ManifestLoader().Load([file]);

        Assert.Empty(result.Errors);
        var role = Assert.Single(result.Snapshot.Roles);
        Assert.Equal("allow-port-forward", role.Metadata.Name);
        Assert.Equal("default", role.Metadata.Namespace);
        Assert.Equal(["update", "patch", "create"], role.Rules.Single().Verbs.ToArray());
    }

    [SkippableFact]
    public void Flow_style_documentation_examples_with_trailing_commas_load_and_the_resourceName_typo_is_warned()
    {
        var access = Path.Combine(SharedCorpus.RequirePath(), "k8s-website-examples", "access");

        var result = new ManifestLoader().Load([access]);

        Assert.Empty(result.Errors);
        var signer = result.Snapshot.ClusterRoles.Single(r => r.Metadata.Name == "csr-signer");
        Assert.Equal(3, signer.Rules.Length);

        // The typo field is dropped (as the API server drops it), so the rule covers every signer, and a warning says so.
        Assert.Empty(signer.Rules[2].ResourceNames);
        var warning = Assert.Single(result.Warnings, w => w.Message.Contains("resourceName", StringComparison.Ordinal));
        Assert.EndsWith("clusterrole-sign.yaml", warning.File, StringComparison.Ordinal);
        Assert.Contains("unknown field rules[2].resourceName", warning.Message, StringComparison.Ordinal);
        Assert.True(warning.Line > 0);

        var endpoints = result.Snapshot.ClusterRoles.Single(r => r.Metadata.Name == "custom:aggregate-to-edit:endpoints");
        Assert.StartsWith("Add endpoints write permissions", endpoints.Metadata.Annotation("kubernetes.io/description"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Loading_the_whole_corpus_reports_its_speed()
    {
        var corpus = SharedCorpus.RequirePath();
        var manifests = ManifestFiles(corpus).Where(f => !IsNotAManifest(corpus, f)).ToList();
        var bytes = manifests.Sum(f => new FileInfo(f).Length);
        var loader = new ManifestLoader();
        loader.Load(manifests);

        // A micro-check, not a timing assertion: the numbers are printed for a person to read.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = loader.Load(manifests);
        watch.Stop();

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{result.ObjectCount} objects, {bytes / 1024} KiB in {manifests.Count} files: {watch.Elapsed.TotalMilliseconds:F0} ms, {result.ObjectCount / watch.Elapsed.TotalSeconds:F0} objects/s"));
        Assert.Equal(1156, result.ObjectCount);
    }

    private static void Add(SortedDictionary<string, int> counts, string kind, int n) => counts[kind] = counts.GetValueOrDefault(kind) + n;
}
