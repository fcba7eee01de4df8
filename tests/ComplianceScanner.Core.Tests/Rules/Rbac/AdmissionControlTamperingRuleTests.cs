using ComplianceScanner.Core.Rules.Rbac;
using static ComplianceScanner.Core.Tests.Rules.Rbac.RbacScan;

namespace ComplianceScanner.Core.Tests.Rules.Rbac;

public sealed class AdmissionControlTamperingRuleTests
{
    private static readonly AdmissionControlTamperingRule Rule = new();

    [Theory]
    [InlineData("- {apiGroups: [admissionregistration.k8s.io], resources: [validatingwebhookconfigurations], verbs: [get, update]}", "validatingwebhookconfigurations update")]
    [InlineData("- {apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], verbs: [deletecollection]}", "mutatingwebhookconfigurations deletecollection")]
    [InlineData("- {apiGroups: [admissionregistration.k8s.io], resources: [validatingadmissionpolicybindings], resourceNames: [deny], verbs: [delete]}", "validatingadmissionpolicybindings delete")]
    [InlineData("- {apiGroups: [\"*\"], resources: [validatingadmissionpolicies], verbs: [\"*\"]}", "validatingadmissionpolicies create,update,patch,delete,deletecollection")]
    public void Writes_on_admission_control_are_reported(string rules, string key)
    {
        var f = Assert.Single(Run(Rule, Grant("r", rules, "b", null, Group("sre-oncall"))));

        Assert.Equal(key, f.Key);
        Assert.Equal("security", f.Layer);
    }

    [Theory]
    [InlineData("- {apiGroups: [admissionregistration.k8s.io], resources: [\"*\"], verbs: [get, list, watch]}")]
    [InlineData("- {apiGroups: [admissionregistration.k8s.io], resources: [validatingwebhookconfigurations/status], verbs: [update]}")]
    [InlineData("- {apiGroups: [example.com], resources: [validatingwebhookconfigurations], verbs: [update]}")]
    public void Reads_subresources_and_other_groups_are_not_admission_control_writes(string rules)
    {
        Assert.Empty(Run(Rule, Grant("r", rules, "b", null, Group("sre-oncall"))));
    }

    [Fact]
    public void The_security_layer_holds_the_duty_and_the_cluster_layer_does_not()
    {
        var rules = "- {apiGroups: [admissionregistration.k8s.io], resources: [validatingwebhookconfigurations], verbs: [patch]}";
        var manifests = Grant("r", rules, "b", null, Group("security-team") + "\n" + Group("platform-operators"));

        Assert.Equal(["ClusterRoleBinding/b Group:platform-operators validatingwebhookconfigurations patch open"], Lines(Run(Rule, manifests)));
    }

    [Fact]
    public void A_role_binding_grants_nothing_on_these_cluster_scoped_resources()
    {
        Assert.Empty(Run(Rule, Grant("r", "- {apiGroups: [admissionregistration.k8s.io], resources: [\"*\"], verbs: [\"*\"]}", "b", "legacy", Group("sre-oncall"))));
    }
}
