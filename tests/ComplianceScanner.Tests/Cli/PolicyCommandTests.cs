using ComplianceScanner.TestSupport;
using k8s;
using k8s.Models;

namespace ComplianceScanner.Tests.Cli;

/// <summary><c>policy export</c>: YAML that kubectl would apply, read back with KubernetesClient's own YAML loader.</summary>
public sealed class PolicyCommandTests
{
    private static readonly Dictionary<string, Type> Kinds = new()
    {
        ["admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy"] = typeof(V1ValidatingAdmissionPolicy),
        ["admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding"] = typeof(V1ValidatingAdmissionPolicyBinding),
        ["rbac.authorization.k8s.io/v1/ClusterRole"] = typeof(V1ClusterRole),
        ["rbac.authorization.k8s.io/v1/ClusterRoleBinding"] = typeof(V1ClusterRoleBinding),
        ["rbac.authorization.k8s.io/v1/RoleBinding"] = typeof(V1RoleBinding),
    };

    [Fact]
    public void Vap_export_on_stdout_loads_as_policies_and_bindings_with_the_cel_intact()
    {
        var r = CliRunner.Run(RepoPaths.Root, "policy", "export", "--config", "scanner.yaml", "--format", "vap");

        Assert.True(r.ExitCode == 0, r.ToString());
        var objects = KubernetesYaml.LoadAllFromString(r.Out, Kinds);
        var policies = objects.OfType<V1ValidatingAdmissionPolicy>().ToList();
        Assert.Equal(4, policies.Count);
        Assert.Equal(4, objects.OfType<V1ValidatingAdmissionPolicyBinding>().Count());
        var shop = policies.Single(p => p.Metadata.Name == "compliancescanner-team-shop");
        Assert.Contains(shop.Spec.Validations, v => v.Expression.Contains(@"r.host.matches('^(?:[^.]+\\.shop\\.example\\.com|shop\\.example\\.com)$')", StringComparison.Ordinal));
        Assert.Equal("request.namespace.matches('^(?:shop|shop-.*)$')", Assert.Single(shop.Spec.Variables).Expression);
    }

    [Fact]
    public void Rbac_export_to_a_file_resolves_team_globs_from_the_config_source()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "rbac.yaml");

        var r = CliRunner.Run(RepoPaths.Root, "policy", "export", "--config", "scanner.yaml", "--format", "rbac", "--out", file);

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(string.Empty, r.Out);
        Assert.Contains("note: team shop owns namespaces by glob", r.Error, StringComparison.Ordinal);
        var objects = KubernetesYaml.LoadAllFromString(File.ReadAllText(file), Kinds);
        Assert.Contains(objects.OfType<V1RoleBinding>(), b => b.Metadata.NamespaceProperty == "shop-staging" && b.RoleRef.Name == "compliancescanner:duty:route-editing");
        Assert.Contains(objects.OfType<V1ClusterRole>(), c => c.Metadata.Name == "compliancescanner:duty:gateway-management");
    }

    [Fact]
    public void An_unknown_format_is_a_usage_error_naming_the_choices()
    {
        var r = CliRunner.Run(RepoPaths.Root, "policy", "export", "--config", "scanner.yaml", "--format", "opa");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("choose vap or rbac", r.Error, StringComparison.Ordinal);
    }
}
