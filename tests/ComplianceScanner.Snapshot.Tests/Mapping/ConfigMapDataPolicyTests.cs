using ComplianceScanner.Snapshot.Mapping;

namespace ComplianceScanner.Snapshot.Tests.Mapping;

public sealed class ConfigMapDataPolicyTests
{
    [Theory]
    [InlineData("ingress-nginx-controller", true)]
    [InlineData("nginx-configuration", true)]
    [InlineData("internal-ingress-nginx-controller", true)]
    [InlineData("compliance-scanner", true)]
    [InlineData("compliancescanner-exceptions", true)]
    [InlineData("kube-root-ca.crt", false)]
    [InlineData("Ingress-Nginx-Controller", false)]
    [InlineData("ingress-nginx-controller-leader", false)]
    public void Names_decide_for_unlabelled_config_maps(string name, bool retained) =>
        Assert.Equal(retained, ConfigMapDataPolicy.Retains(name, new Dictionary<string, string>()));

    [Theory]
    [InlineData("controller", true)]
    [InlineData("Controller", false)]
    [InlineData("admission-webhook", false)]
    public void The_controller_component_label_keeps_the_data(string component, bool retained) =>
        Assert.Equal(retained, ConfigMapDataPolicy.Retains("any", new Dictionary<string, string> { [ConfigMapDataPolicy.ComponentLabel] = component }));
}
