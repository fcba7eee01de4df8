using ComplianceScanner.Configuration;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.Deploy.Tests.Kustomize;
using ComplianceScanner.Snapshot.Manifests;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Deploy.Tests;

/// <summary>
/// The scanner judges its own deployment: every variant of deploy/, loaded with the scanner's manifest loader and
/// evaluated by every rule against deploy/base/scanner.yaml (which declares the scanner's service account in the
/// security layer with the duties its RBAC gives it), has no finding.
/// </summary>
public sealed class SelfCheckTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private const string ScannerSubjectLine = "    - {kind: ServiceAccount, namespace: compliance-scanner, name: compliance-scanner}\n";

    [Theory]
    [MemberData(nameof(DeployTree.Variants), MemberType = typeof(DeployTree))]
    public void The_scanner_finds_nothing_in_its_own_deployment(string variant)
    {
        var result = Evaluate(DeployTree.Render(variant), File.ReadAllText(DeployTree.ConfigFile));

        Assert.Empty(result.Errors.Select(e => $"{e.RuleId}: {e.Message}"));
        Assert.Empty(result.Findings.Select(f => $"{f.RuleId} {f.Subject} {f.Object}: {f.Message}"));
        Assert.Superset(RuleCatalogue.All.Select(r => r.Descriptor.Id).ToHashSet(), result.RulesEvaluated.ToHashSet());
    }

    [Fact]
    public void The_production_config_is_valid_and_declares_the_scanner_and_its_configmap()
    {
        var loaded = ConfigLoader.LoadFile(DeployTree.ConfigFile, Today);

        Assert.Empty(loaded.Diagnostics.Select(d => d.ToString()));
        var config = loaded.Config!;
        Assert.Null(config.SourcePath);
        Assert.Contains(config.SecurityLayer.Subjects, s => s.ToString() == RbacGrants.ScannerServiceAccount);
        var generated = DeployTree.Render("deploy").Single(o => o.Kind == "ConfigMap");
        Assert.Contains(new ConfigMapName(generated.Namespace!, generated.Name), config.SelfProtection.EffectiveConfigMaps(config.SecurityLayer));
    }

    [Fact]
    public void Without_the_scanner_in_the_security_layer_its_RBAC_is_reported()
    {
        // The self-check can fail: the scanner's audit-read (listing ClusterRoles and bindings) is a governed duty,
        // so an undeclared scanner service account holding it is SOD-RBAC-001.
        var config = File.ReadAllText(DeployTree.ConfigFile);
        Assert.Contains(ScannerSubjectLine, config, StringComparison.Ordinal);

        var result = Evaluate(DeployTree.Render("deploy"), config.Replace(ScannerSubjectLine, string.Empty, StringComparison.Ordinal));

        Assert.Contains(result.Findings, f => f.RuleId == "SOD-RBAC-001" && f.Subject?.ToString() == RbacGrants.ScannerServiceAccount);
    }

    [Fact]
    public void A_write_added_to_the_reader_ClusterRole_is_reported()
    {
        var objects = DeployTree.Render("deploy");
        var reader = objects.Single(o => o.Kind == "ClusterRole" && o.Name == "compliance-scanner-reader");
        var rules = (YamlSequenceNode)YamlTree.At(reader.Node, "rules")!;
        rules.Add(YamlTree.Documents("apiGroups: [networking.k8s.io]\nresources: [ingresses]\nverbs: [create, update, patch, delete]\n", "test")[0]);

        var result = Evaluate(objects, File.ReadAllText(DeployTree.ConfigFile));

        // route-editing is not a duty of the security layer.
        Assert.Contains(result.Findings, f => f.RuleId == "SOD-RBAC-002" && f.Subject?.ToString() == RbacGrants.ScannerServiceAccount);
    }

    private static EvaluationResult Evaluate(IReadOnlyList<RenderedObject> objects, string configText)
    {
        var loaded = new ManifestLoader(maxParallelism: 1).LoadMany(objects.Select(o => (o.ToYaml(), o.Origin)));
        Assert.Empty(loaded.Errors.Select(e => e.ToString()));
        var config = ConfigLoader.LoadText(configText, DeployTree.ConfigFile, Today, DeployTree.Base);
        Assert.Empty(config.Errors.Select(d => d.ToString()));

        return new Evaluator(RuleCatalogue.All).Evaluate(new EvaluationContext(loaded.Snapshot, config.Config!, Today));
    }
}
