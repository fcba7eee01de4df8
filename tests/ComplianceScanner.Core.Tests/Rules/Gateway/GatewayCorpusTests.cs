using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.Snapshot.Manifests;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Core.Tests.Rules.Gateway;

/// <summary>
/// The Gateway API project's own examples (../shared/corpus/gateway-api/examples/standard), each file scanned on its own
/// with no layer model: exactly these Gateway findings, and no other.
/// </summary>
public sealed class GatewayCorpusTests
{
    private static readonly string[] Expected =
    [
        "cross-namespace-routing/gateway.yaml\tSOD-GW-003\tGateway/infra-ns/shared-gateway\thttps",
        "http-route-attachment/gateway-namespaces.yaml\tSOD-GW-003\tGateway/gateway-api-example-ns1/prod-gateway\tprod-web",
        "http-route-attachment/gateway-namespaces.yaml\tSOD-GW-004\tGateway/gateway-api-example-ns1/prod-gateway\tprod-web",
        "http-route-attachment/gateway-strict.yaml\tSOD-GW-004\tGateway/gateway-api-example-ns1/foo-gateway\tprod-web",
        "multicluster/httproute-referencegrant.yaml\tSOD-GW-006\tReferenceGrant/bar/bar\tto[0]",
        "reference-grant.yaml\tSOD-GW-006\tReferenceGrant/default/allow-prod-traffic\tfrom[0]",
        "reference-grant.yaml\tSOD-GW-006\tReferenceGrant/default/allow-prod-traffic\tto[0]",
        "tls-cert-cross-namespace.yaml\tSOD-GW-006\tReferenceGrant/gateway-api-example-ns2/allow-ns1-gateways-to-ref-secrets\tto[0]",
    ];

    [SkippableFact]
    public void Each_gateway_api_example_gives_exactly_the_expected_gateway_findings()
    {
        var dir = Path.Combine(SharedCorpus.RequirePath(), "gateway-api", "examples", "standard");
        var loader = new ManifestLoader();
        var evaluator = new Evaluator(RuleCatalogue.All);
        var actual = new List<string>();
        foreach (var file in Directory.GetFiles(dir, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var loaded = loader.Load([file]);
            Assert.Empty(loaded.Errors);
            var result = evaluator.Evaluate(new EvaluationContext(loaded.Snapshot, new ScannerConfig(), new DateOnly(2026, 11, 26)));
            Assert.Empty(result.Errors);
            var relative = Path.GetRelativePath(dir, file).Replace('\\', '/');
            actual.AddRange(result.Findings
                .Where(f => f.RuleId.StartsWith("SOD-GW-", StringComparison.Ordinal))
                .Select(f => $"{relative}\t{f.RuleId}\t{f.Object}\t{f.Key}"));
        }

        actual.Sort(StringComparer.Ordinal);
        Assert.True(Expected.SequenceEqual(actual), "actual:\n" + string.Join("\n", actual));
    }
}
