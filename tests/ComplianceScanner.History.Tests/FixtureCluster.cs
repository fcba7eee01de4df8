using ComplianceScanner.Configuration;
using ComplianceScanner.Core.Diff;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.Snapshot.Manifests;

namespace ComplianceScanner.History.Tests;

/// <summary>
/// A small cluster that changes over three days, scanned by the real loaders, evaluator and rules:
/// <list type="bullet">
/// <item>day 1: shop/promo publishes promo.evil.example.org (SOD-ING-001); shop/web's backend Service is missing
/// (SOD-ING-010), excepted until day 2.</item>
/// <item>day 2: kubectl-edit fixes promo's host (resolved); shop/wild publishes *.example.org (new SOD-ING-003 and SOD-ING-001).</item>
/// <item>day 3: helm puts promo's old host back (reopened); the exception has expired (SOD-ING-010 reopened, SOD-GOV-001
/// new); wild is deleted (resolved); a RoleBinding gives team-shop the ingress-editor Role (permissions gained).</item>
/// </list>
/// </summary>
internal static class FixtureCluster
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
              ingressClasses: [nginx]
              duties: [route-editing]
        rules:
          # The Role is bound only on day 3; its "unused role" finding would be noise in these lifecycle tests.
          disabled: [SOD-RBAC-013]
        exceptions:
        - {rule: SOD-ING-010, object: shop/web, reason: "Service moves next sprint", approvedBy: "jane (CISO)", expires: 2026-03-02}
        """;

    private const string Common = """
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata: {name: nginx, annotations: {ingressclass.kubernetes.io/is-default-class: "true"}}
        spec: {controller: k8s.io/ingress-nginx}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: promo, namespace: shop}
        spec: {ports: [{port: 80}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: shop}
        spec:
          ingressClassName: nginx
          rules:
          - host: web.shop.example.com
            http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: ingress-editor, namespace: shop}
        rules:
        - {apiGroups: [networking.k8s.io], resources: [ingresses], verbs: [create, update]}
        """;

    /// <summary>shop/promo with a host and the managedFields entry of the manager that last wrote it.</summary>
    private static string Promo(string host, string manager, string time) => $$$"""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: promo
          namespace: shop
          managedFields:
          - {manager: {{{manager}}}, operation: Update, apiVersion: networking.k8s.io/v1, time: "{{{time}}}"}
        spec:
          ingressClassName: nginx
          rules:
          - host: {{{host}}}
            http:
              paths:
              - path: /
                pathType: Prefix
                backend: {service: {name: promo, port: {number: 80} } }
        """;

    private const string Wild = """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: wild, namespace: shop}
        spec:
          ingressClassName: nginx
          rules:
          - host: "*.example.org"
            http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: promo, port: {number: 80}}}}]}
        """;

    private const string Binding = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: shop-editors, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ingress-editor}
        subjects: [{kind: Group, name: team-shop, apiGroup: rbac.authorization.k8s.io}]
        """;

    public static string Manifests(int day) => day switch
    {
        1 => string.Join("\n---\n", Common, Promo("promo.evil.example.org", "kubectl-create", "2026-02-20T10:00:00Z")),
        2 => string.Join("\n---\n", Common, Promo("promo.shop.example.com", "kubectl-edit", "2026-03-01T15:30:00Z"), Wild),
        3 => string.Join("\n---\n", Common, Promo("promo.evil.example.org", "helm", "2026-03-02T21:05:00Z"), Binding),
        _ => throw new ArgumentOutOfRangeException(nameof(day), day, "the fixture has days 1 to 3"),
    };

    public static DateTimeOffset At(int day) => Day1.AddDays(day - 1);

    /// <summary>Scans day <paramref name="day"/> as the pipeline does, at that day's time.</summary>
    public static ScanRecording Scan(int day, string? manifests = null)
    {
        var at = At(day);
        var today = DateOnly.FromDateTime(at.UtcDateTime);
        var config = ConfigLoader.LoadText(Config, "scanner.yaml", today, "/fixture").Config ?? throw new InvalidOperationException("fixture config does not load");
        var load = new ManifestLoader().LoadText(manifests ?? Manifests(day), $"day{day}.yaml");
        Assert.Empty(load.Errors);
        var result = new Evaluator(RuleCatalogue.All).Evaluate(new EvaluationContext(load.Snapshot, config, today));
        return new ScanRecording
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
        };
    }

    public static string[] Describe(IEnumerable<ScanFinding> findings) =>
        [.. findings.Select(f => $"{f.RuleId} {f.Object?.QualifiedName ?? "-"} {f.Key}").Order(StringComparer.Ordinal)];
}
