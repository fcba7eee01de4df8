using System.Text;
using ComplianceScanner.Configuration;
using ComplianceScanner.Core.Diff;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Reporting;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.History;
using ComplianceScanner.Rendering;
using ComplianceScanner.Snapshot.Manifests;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Evidence.Tests;

/// <summary>
/// A store with scans recorded as the pipeline records them: the real loaders, evaluator and report builder, the
/// exact config text and the repository's templates kept with each scan, and the JSON report attached afterwards.
/// </summary>
internal sealed class EvidenceFixture : IDisposable
{
    public static readonly DateTimeOffset Day1 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public const string Config = """
        apiVersion: compliancescanner.io/v1
        kind: ScannerConfig
        cluster: {name: fixture}
        layers:
          namespace:
            teams:
            - name: shop
              subjects: [{kind: Group, name: team-shop}]
              namespaces: [shop]
              hosts: ["*.shop.example.com"]
              duties: [route-editing]
        exceptions:
        - {rule: SOD-ING-010, object: shop/web, reason: "Service moves next sprint", approvedBy: "jane (CISO)", expires: 2026-04-01}
        """;

    /// <summary>A Secret with a value that must never reach the store or a bundle.</summary>
    public const string SecretValue = "c3VwZXItc2VjcmV0LXRscy1rZXk=";

    private static readonly string Common = $$$"""
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: shop-tls, namespace: shop}
        type: kubernetes.io/tls
        data: {tls.key: {{{SecretValue}}}, tls.crt: {{{SecretValue}}} }
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: shop}
        spec:
          rules:
          - host: web.shop.example.com
            http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80} } } }]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: ingress-editor}
        rules:
        - {apiGroups: [networking.k8s.io], resources: [ingresses], verbs: [create, update]}
        """;

    private const string Binding = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: ci-editors, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ingress-editor}
        subjects: [{kind: ServiceAccount, name: ci, namespace: build}]
        """;

    private readonly TempDirectory dir = new();

    public EvidenceFixture()
    {
        StorePath = Path.Combine(dir.Path, "state", "scanner.db");
        Store = ScanStore.Open(StorePath);
    }

    public string Directory => dir.Path;

    public string StorePath { get; }

    public ScanStore Store { get; }

    public static DateTimeOffset At(int day) => Day1.AddDays(day - 1);

    /// <summary>Records day <paramref name="day"/>: day 1 the base cluster; from day 2 a CI service account may edit Ingresses in shop.</summary>
    public long Record(int day)
    {
        var at = At(day);
        var today = DateOnly.FromDateTime(at.UtcDateTime);
        var config = ConfigLoader.LoadText(Config, "scanner.yaml", today, Directory).Config ?? throw new InvalidOperationException("fixture config does not load");
        var load = new ManifestLoader().LoadText(day == 1 ? Common : Common + "\n---\n" + Binding, $"day{day}.yaml");
        Assert.Empty(load.Errors);
        var context = new EvaluationContext(load.Snapshot, config, today);
        var result = new Evaluator(RuleCatalogue.All).Evaluate(context);
        var recorded = Store.Record(
            new ScanRecording
            {
                Cluster = config.ClusterName,
                StartedAt = at,
                FinishedAt = at.AddSeconds(3),
                Snapshot = load.Snapshot,
                Findings = [.. result.Findings.Select(ScanFinding.From)],
                Complete = load.Snapshot.IsComplete && result.Errors.IsEmpty,
                ConfigDigest = config.Digest,
                RulesetVersion = RuleCatalogue.Version,
                ScannerVersion = "test",
                Config = config,
                Files = [new ScanFile(ScanFiles.ConfigPath, Encoding.UTF8.GetBytes(Config)), .. ScanFiles.Templates(RepoPaths.At("templates"))],
            },
            RetentionPolicy.Default);
        var report = ReportBuilder.Build(load.Snapshot, config, result, RuleCatalogue.Descriptors, new ReportScanner("ComplianceScanner", "test", RuleCatalogue.Version), at, at.AddSeconds(3), context.Duties)
            with { Drift = DriftReportBuilder.Build(recorded.Drift) };
        Store.AttachFiles(recorded.Scan.Id, [new ScanFile(ScanFiles.ReportPath, Encoding.UTF8.GetBytes(ReportJson.Serialize(report)))]);
        return recorded.Scan.Id;
    }

    public void Dispose()
    {
        Store.Dispose();
        dir.Dispose();
    }
}
