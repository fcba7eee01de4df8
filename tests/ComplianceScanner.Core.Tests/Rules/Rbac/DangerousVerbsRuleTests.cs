using ComplianceScanner.Core.Rules.Rbac;
using static ComplianceScanner.Core.Tests.Rules.Rbac.RbacScan;

namespace ComplianceScanner.Core.Tests.Rules.Rbac;

public sealed class DangerousVerbsRuleTests
{
    private static readonly DangerousVerbsRule Rule = new();

    [Theory]
    [InlineData("- {apiGroups: [\"\"], resources: [pods/exec], verbs: [create]}", "pods/exec create")]
    [InlineData("- {apiGroups: [\"\"], resources: [pods/exec, pods/attach], verbs: [get]}", "pods/attach get; pods/exec get")]
    [InlineData("- {apiGroups: [\"\"], resources: [pods/portforward], resourceNames: [db-0], verbs: [create]}", "pods/portforward create")]
    [InlineData("- {apiGroups: [\"\"], resources: [pods/ephemeralcontainers], verbs: [patch]}", "pods/ephemeralcontainers patch")]
    [InlineData("- {apiGroups: [\"\"], resources: [serviceaccounts/token], verbs: [create]}", "serviceaccounts/token create")]
    [InlineData("- {apiGroups: [\"\"], resources: [\"*/exec\"], verbs: [\"*\"]}", "pods/exec get,create")]
    [InlineData("- {apiGroups: [\"\"], resources: [nodes/proxy], verbs: [get, list, watch]}", "nodes/proxy get")]
    [InlineData("- {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update]}", "certificatesigningrequests/approval update")]
    [InlineData("- {apiGroups: [certificates.k8s.io], resources: [signers], resourceNames: [\"example.com/*\"], verbs: [approve]}", "signers approve")]
    public void Dangerous_permissions_held_cluster_wide_are_reported(string rules, string key)
    {
        Assert.Equal([$"ClusterRoleBinding/b Group:contractors {key} open"], Lines(Run(Rule, Grant("r", rules, "b", null, Group("contractors")))));
    }

    [Theory]
    [InlineData("- {apiGroups: [\"\"], resources: [pods/log, pods/status], verbs: [get]}")]
    [InlineData("- {apiGroups: [\"\"], resources: [pods/exec], verbs: [list, watch, delete]}")]
    [InlineData("- {apiGroups: [\"\"], resources: [pods/ephemeralcontainers], verbs: [get]}")]
    [InlineData("- {apiGroups: [\"\"], resources: [serviceaccounts], verbs: [create]}")]
    [InlineData("- {apiGroups: [example.com], resources: [pods/exec], verbs: [create]}")]
    public void Near_misses_are_not_dangerous(string rules)
    {
        Assert.Empty(Run(Rule, Grant("r", rules, "b", null, Group("contractors"))));
    }

    [Theory]
    [InlineData("shop", "team-shop", false)]
    [InlineData("shop-staging", "team-shop", false)]
    [InlineData("blog", "team-blog", false)]
    [InlineData("security", "security-team", false)]
    [InlineData("blog", "team-shop", true)]
    [InlineData("platform", "team-shop", true)]
    [InlineData("legacy", "contractors", true)]
    [InlineData("platform", "contractors", true)]
    public void In_a_namespace_only_where_the_subject_does_not_own_it(string ns, string group, bool reported)
    {
        var findings = Run(Rule, Grant("r", "- {apiGroups: [\"\"], resources: [pods/exec], verbs: [create]}", "b", ns, Group(group)));

        Assert.Equal(reported ? 1 : 0, findings.Count);
    }

    [Fact]
    public void Cluster_scoped_permissions_through_a_role_binding_are_inert()
    {
        var rules = "- {apiGroups: [\"\"], resources: [nodes/proxy], verbs: [\"*\"]}\n- {apiGroups: [certificates.k8s.io], resources: [signers], verbs: [approve]}\n- {apiGroups: [\"\"], resources: [serviceaccounts/token], verbs: [create]}";

        Assert.Equal(["RoleBinding/legacy/b Group:contractors serviceaccounts/token create open"], Lines(Run(Rule, Grant("r", rules, "b", "legacy", Group("contractors")))));
    }

    [Fact]
    public void The_cluster_layer_is_not_judged_and_a_wildcard_lists_every_dangerous_permission()
    {
        var rules = "- {apiGroups: [\"*\"], resources: [\"*\"], verbs: [\"*\"]}";
        var f = Assert.Single(Run(Rule, Grant("r", rules, "b", null, Group("platform-operators") + "\n" + Group("contractors"))));

        Assert.Equal(
            "certificatesigningrequests/approval update; nodes/proxy get,create,update,patch,delete; pods/attach get,create; "
            + "pods/ephemeralcontainers update,patch; pods/exec get,create; pods/portforward get,create; serviceaccounts/token create; signers approve",
            f.Key);
    }
}
