using ComplianceScanner.Snapshot.Manifests;
using k8s;

namespace ComplianceScanner.Deploy.Tests;

public sealed class ManifestModelTests
{
    [Theory]
    [MemberData(nameof(DeployTree.Variants), MemberType = typeof(DeployTree))]
    public void Every_object_deserialises_into_its_typed_model_without_unknown_fields(string variant)
    {
        var problems = new List<string>();
        foreach (var obj in DeployTree.Render(variant))
        {
            try
            {
                var model = KubernetesModels.Deserialize(obj);
                if (model is not IKubernetesObject typed || typed.Kind != obj.Kind || typed.ApiVersion != obj.ApiVersion || model.GetType() == typeof(KubernetesObject))
                {
                    problems.Add($"{obj}: deserialised as {model.GetType().Name}, not a typed {obj.Kind} model");
                }
            }
            catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or KeyNotFoundException or InvalidOperationException)
            {
                problems.Add($"{obj}: {ex.Message} {ex.InnerException?.Message}");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Strict_deserialisation_rejects_a_misspelt_field()
    {
        // The check above is only as good as strict mode: a Deployment with "replica" instead of "replicas" must fail.
        var deployment = DeployTree.Render("deploy").Single(o => o.Kind == "Deployment");
        var yaml = deployment.ToYaml().Replace("  replicas: 1", "  replica: 1", StringComparison.Ordinal);
        Assert.Contains("replica: 1", yaml, StringComparison.Ordinal);

        Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => KubernetesModels.Deserialize(yaml));
    }

    [Fact]
    public void The_scanners_own_loader_reads_every_file_in_deploy_without_errors_or_warnings()
    {
        var result = new ManifestLoader(maxParallelism: 1).Load([DeployTree.Root]);

        Assert.Empty(result.Errors.Select(e => e.ToString()));
        Assert.Empty(result.Warnings.Select(w => w.ToString()));
        Assert.True(result.Snapshot.IsComplete);
        Assert.Contains(result.Snapshot.ClusterRoles, r => r.Metadata.Name == "compliance-scanner-reader");
        Assert.Contains(result.Snapshot.ServiceAccounts, s => s.Metadata.QualifiedName == "compliance-scanner/compliance-scanner");
    }

    [Theory]
    [MemberData(nameof(DeployTree.Variants), MemberType = typeof(DeployTree))]
    public void The_scanners_own_loader_reads_every_rendered_variant_without_errors_or_warnings(string variant)
    {
        var objects = DeployTree.Render(variant);

        var result = new ManifestLoader(maxParallelism: 1).LoadMany(objects.Select(o => (o.ToYaml(), o.Origin)));

        Assert.Empty(result.Errors.Select(e => e.ToString()));
        Assert.Empty(result.Warnings.Select(w => w.ToString()));
        Assert.Equal(objects.Count, result.ObjectCount);
    }
}
