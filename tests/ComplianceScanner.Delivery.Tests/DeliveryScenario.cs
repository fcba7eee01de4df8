using System.Globalization;
using ComplianceScanner.Configuration;
using ComplianceScanner.Core.Diff;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Reporting;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.History;
using ComplianceScanner.Snapshot.Manifests;

namespace ComplianceScanner.Delivery.Tests;

/// <summary>
/// Two teams, shop and payments, each publishing Ingresses with hosts outside their allowed hosts (SOD-ING-001), next
/// to a compliant one each; the security layer and both teams have e-mail contacts. Scanned by the real loaders,
/// evaluator and report builder and recorded in a real store, as the pipeline does.
/// </summary>
internal static class DeliveryScenario
{
    public const string Cluster = "mail-fixture";

    public static string ConfigText(int smtpPort, long maxAttachmentBytes = 10_485_760) => $$"""
        apiVersion: compliancescanner.io/v1
        kind: ScannerConfig
        cluster: {name: mail-fixture}
        layers:
          security:
            subjects: [{kind: Group, name: security-team}]
            contacts: [security@example.com]
          namespace:
            teams:
            - name: shop
              subjects: [{kind: Group, name: team-shop}]
              namespaces: [shop]
              hosts: ["*.shop.example.com"]
              ingressClasses: [nginx]
              duties: [route-editing]
              contacts: [shop@example.com, "#shop-chat"]
            - name: payments
              subjects: [{kind: Group, name: team-payments}]
              namespaces: [payments]
              hosts: ["*.pay.example.com"]
              ingressClasses: [nginx]
              duties: [route-editing]
              contacts: [payments@example.com, payments-lead@example.com]
        reports:
          smtp: {host: 127.0.0.1, port: {{smtpPort}}, security: none, from: "Compliance Scanner <scanner@example.com>"}
          baseUrl: https://scanner.example.com
          maxAttachmentBytes: {{maxAttachmentBytes.ToString(CultureInfo.InvariantCulture)}}
          schedules:
          - {name: daily-teams, cron: "0 0 7 * * ?", audience: teams, content: full, attach: [html, json, markdown]}
          - {name: daily-security, cron: "0 0 7 * * ?", audience: security, content: full}
          - {name: team-digest, cron: "0 0 7 ? * MON", audience: teams, content: digest, skipWhenUnchanged: true}
          - {name: ciso-new, cron: "0 0 8 * * ?", audience: [ciso@example.com], content: new-findings, attach: [json]}
        """;

    public static ScannerConfig Config(int smtpPort, long maxAttachmentBytes = 10_485_760)
    {
        var load = ConfigLoader.LoadText(ConfigText(smtpPort, maxAttachmentBytes), "scanner.yaml", new DateOnly(2026, 11, 26), "/fixture");
        Assert.False(load.HasErrors, string.Join("\n", load.Diagnostics));
        return load.Config!;
    }

    public static string Manifests(int shopBad, int paymentsBad)
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
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: payments}",
            "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {ports: [{port: 80}]}",
            "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: payments}\nspec: {ports: [{port: 80}]}",
            Ingress("shop", "web", "web.shop.example.com"),
            Ingress("payments", "web", "web.pay.example.com"),
        };
        for (var i = 0; i < shopBad; i++)
        {
            docs.Add(Ingress("shop", $"shop-bad-{i}", $"shop-bad-{i}.evil.example.org"));
        }

        for (var i = 0; i < paymentsBad; i++)
        {
            docs.Add(Ingress("payments", $"pay-bad-{i}", $"pay-bad-{i}.evil.example.org"));
        }

        return string.Join("\n---\n", docs);
    }

    /// <summary>Scans, records the scan in <paramref name="store"/>, and returns what the agent would hand to the delivery service.</summary>
    public static LatestReport Scan(ScanStore store, ScannerConfig config, int shopBad, int paymentsBad, DateTimeOffset at)
    {
        var today = DateOnly.FromDateTime(at.UtcDateTime);
        var load = new ManifestLoader().LoadText(Manifests(shopBad, paymentsBad), "cluster.yaml");
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
        return new LatestReport(recorded.Scan.Id, report with { Drift = DriftReportBuilder.Build(recorded.Drift) });
    }

    private static string Ingress(string ns, string name, string host) => $$"""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: {{name}}, namespace: {{ns}}}
        spec:
          ingressClassName: nginx
          tls: [{hosts: ["{{host}}"], secretName: {{name}}-tls}]
          rules:
          - host: {{host}}
            http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80} } } }]}
        """;
}
