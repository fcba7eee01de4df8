using ComplianceScanner.Configuration;
using ComplianceScanner.Core.Diff;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Reporting;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.History;
using ComplianceScanner.Snapshot.Manifests;

namespace ComplianceScanner.Alerting.Tests;

/// <summary>
/// A cluster whose team "shop" publishes <c>bad-0 .. bad-(n-1)</c>, Ingresses with hosts outside its allowed hosts
/// (SOD-ING-001, high), next to a compliant one. Scanned by the real loaders, evaluator and report builder, and
/// recorded in a real store, as the pipeline does; fewer bad Ingresses in a later scan resolve the others.
/// </summary>
internal static class AlertScenario
{
    public const string Cluster = "alert-fixture";

    public const string Config = """
        apiVersion: compliancescanner.io/v1
        kind: ScannerConfig
        cluster: {name: alert-fixture}
        layers:
          namespace:
            teams:
            - name: shop
              subjects: [{kind: Group, name: team-shop}]
              namespaces: [shop]
              hosts: ["*.shop.example.com"]
              ingressClasses: [nginx]
              duties: [route-editing]
        """;

    public static string Manifests(int bad)
    {
        var docs = new List<string>
        {
            """
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata: {name: nginx, annotations: {ingressclass.kubernetes.io/is-default-class: "true"}}
            spec: {controller: k8s.io/ingress-nginx}
            """,
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}",
            "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {ports: [{port: 80}]}",
            Ingress("web", "web.shop.example.com"),
        };
        for (var i = 0; i < bad; i++)
        {
            docs.Add(Ingress($"bad-{i}", $"bad-{i}.evil.example.org"));
        }

        return string.Join("\n---\n", docs);
    }

    /// <summary>Scans <paramref name="bad"/> bad Ingresses at <paramref name="at"/>, records the scan, and returns the report (with drift) and the record.</summary>
    public static (ScanReport Report, RecordedScan Recorded) Scan(ScanStore store, int bad, DateTimeOffset at)
    {
        var today = DateOnly.FromDateTime(at.UtcDateTime);
        var config = ConfigLoader.LoadText(Config, "scanner.yaml", today, "/fixture").Config ?? throw new InvalidOperationException("scenario config does not load");
        var load = new ManifestLoader().LoadText(Manifests(bad), "cluster.yaml");
        Assert.Empty(load.Errors);
        var context = new EvaluationContext(load.Snapshot, config, today);
        var result = new Evaluator(RuleCatalogue.All).Evaluate(context);
        var recorded = store.Record(
            new ScanRecording
            {
                Cluster = config.ClusterName,
                StartedAt = at,
                FinishedAt = at.AddSeconds(2),
                Snapshot = load.Snapshot,
                Findings = [.. result.Findings.Select(ScanFinding.From)],
                Complete = load.Snapshot.IsComplete && result.Errors.IsEmpty,
                ConfigDigest = config.Digest,
                RulesetVersion = RuleCatalogue.Version,
                ScannerVersion = "test",
            },
            RetentionPolicy.Default);
        var report = ReportBuilder.Build(load.Snapshot, config, result, RuleCatalogue.Descriptors, new ReportScanner("ComplianceScanner", "test", RuleCatalogue.Version), at, at.AddSeconds(2), context.Duties);
        return (report with { Drift = DriftReportBuilder.Build(recorded.Drift) }, recorded);
    }

    /// <summary>A webhook sink reading its URL from the environment variable <paramref name="urlEnv"/>.</summary>
    public static AlertSinkSettings Webhook(string name, string urlEnv, bool groupPerScan = false, AlertRateLimit? rateLimit = null) => new()
    {
        Name = name,
        Type = AlertSinkType.Webhook,
        UrlEnv = urlEnv,
        GroupPerScan = groupPerScan,
        Notify = AlertNotify.New | AlertNotify.Reopened | AlertNotify.Resolved,
        RateLimit = rateLimit,
    };

    private static string Ingress(string name, string host) => $$"""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: {{name}}, namespace: shop}
        spec:
          ingressClassName: nginx
          tls: [{hosts: ["{{host}}"], secretName: {{name}}-tls}]
          rules:
          - host: {{host}}
            http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80} } } }]}
        """;
}
