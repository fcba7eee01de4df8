using System.Collections.Immutable;
using System.Text.Json;
using ComplianceScanner.Configuration;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Reporting;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.Fuzz.Tests.Harness;
using ComplianceScanner.Snapshot.Manifests;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Fuzz.Tests.Rendering;

/// <summary>
/// The demo cluster and its scanner.yaml plus objects whose names, subjects, labels, hosts and annotation values are
/// hostile payloads, scanned into a report the way the pipeline does. The objects are built so that rules fire on them
/// (a dangling binding, a cluster-admin grant, a wildcard ClusterRole, snippet annotations, an undeclared namespace), so
/// the payloads reach findings, evidence, the matrix and the inventory.
/// </summary>
internal static class HostileCluster
{
    private static readonly DateTimeOffset Started = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<ScannerConfig> LazyConfig = new(() =>
        ConfigLoader.LoadFile(RepoPaths.At("scanner.yaml"), ConfigProperty.Today).Config ?? throw new InvalidOperationException("the demo scanner.yaml does not load"));

    private static readonly Lazy<ImmutableArray<(string Content, string Path)>> LazyDemo = new(() =>
    [
        .. Directory.EnumerateFiles(RepoPaths.At("examples", "demo-cluster")).Order(StringComparer.Ordinal).Select(f => (File.ReadAllText(f), Path.GetFileName(f))),
    ]);

    /// <summary>The number of payload slots <see cref="Scan"/> fills.</summary>
    public const int Slots = 16;

    public static ScanReport Scan(IReadOnlyList<string> p)
    {
        var items = new object[]
        {
            new
            {
                apiVersion = "rbac.authorization.k8s.io/v1", kind = "RoleBinding",
                metadata = new { name = p[0], @namespace = "shop", labels = new Dictionary<string, string> { ["app"] = p[1] } },
                roleRef = new { apiGroup = "rbac.authorization.k8s.io", kind = "ClusterRole", name = "cluster-admin" },
                subjects = new object[]
                {
                    new { kind = "User", name = p[2] },
                    new { kind = "Group", name = p[3] },
                    new { kind = "ServiceAccount", name = p[4], @namespace = "shop" },
                },
            },
            new
            {
                apiVersion = "rbac.authorization.k8s.io/v1", kind = "RoleBinding",
                metadata = new { name = p[5], @namespace = "shop" },
                roleRef = new { apiGroup = "rbac.authorization.k8s.io", kind = "Role", name = p[6] },
                subjects = new object[] { new { kind = "Group", name = "team-shop" } },
            },
            new
            {
                apiVersion = "networking.k8s.io/v1", kind = "Ingress",
                metadata = new
                {
                    name = p[7], @namespace = "shop",
                    annotations = new Dictionary<string, string>
                    {
                        ["nginx.ingress.kubernetes.io/configuration-snippet"] = p[8],
                        ["nginx.ingress.kubernetes.io/auth-url"] = p[9],
                        ["example.com/note"] = p[9],
                    },
                },
                spec = new
                {
                    ingressClassName = p[10],
                    rules = new object[]
                    {
                        new { host = p[11], http = new { paths = new object[] { new { path = "/", pathType = "Prefix", backend = new { service = new { name = p[12], port = new { name = "http" } } } } } } },
                    },
                    tls = new object[] { new { hosts = new[] { p[11] }, secretName = p[12] } },
                },
            },
            new
            {
                apiVersion = "rbac.authorization.k8s.io/v1", kind = "ClusterRole",
                metadata = new { name = p[13] },
                rules = new object[] { new { apiGroups = new[] { "*" }, resources = new[] { "*" }, verbs = new[] { "*" } } },
            },
            new
            {
                apiVersion = "rbac.authorization.k8s.io/v1", kind = "ClusterRoleBinding",
                metadata = new { name = p[14] },
                roleRef = new { apiGroup = "rbac.authorization.k8s.io", kind = "ClusterRole", name = p[13] },
                subjects = new object[] { new { kind = "Group", name = p[15] } },
            },
            new { apiVersion = "v1", kind = "Namespace", metadata = new { name = p[15], labels = new Dictionary<string, string> { ["team"] = p[1] } } },
        };
        var manifest = JsonSerializer.Serialize(new { apiVersion = "v1", kind = "List", items });
        var loaded = new ManifestLoader(1).LoadMany([.. LazyDemo.Value, (manifest, "hostile.json")]);
        if (loaded.Errors.FirstOrDefault(e => e.File == "hostile.json") is { } error && p.All(x => x.StartsWith("harmless-", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("the hostile objects do not load: " + error);
        }

        var context = new EvaluationContext(loaded.Snapshot, LazyConfig.Value, DateOnly.FromDateTime(Started.UtcDateTime));
        var evaluation = new Evaluator(RuleCatalogue.All).Evaluate(context);
        return ReportBuilder.Build(
            loaded.Snapshot,
            context.Config,
            evaluation,
            RuleCatalogue.Descriptors,
            new ReportScanner("ComplianceScanner", "0.1.0-fuzz", RuleCatalogue.Version),
            Started,
            Started.AddSeconds(3),
            context.Duties);
    }
}
