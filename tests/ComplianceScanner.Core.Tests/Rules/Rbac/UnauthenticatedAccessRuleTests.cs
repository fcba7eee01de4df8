using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Rules.Rbac;
using static ComplianceScanner.Core.Tests.Rules.Rbac.RbacScan;

namespace ComplianceScanner.Core.Tests.Rules.Rbac;

public sealed class UnauthenticatedAccessRuleTests
{
    private static readonly UnauthenticatedAccessRule Rule = new();

    [Fact]
    public void Any_grant_to_anonymous_or_unauthenticated_is_reported_even_read_only()
    {
        var rules = "- {nonResourceURLs: [/version], verbs: [get]}";
        var manifests = Grant("r", rules, "b", null, User("system:anonymous") + "\n" + Group("system:unauthenticated"));

        var findings = Run(Rule, manifests);

        Assert.Equal(
            ["ClusterRoleBinding/b Group:system:unauthenticated unauthenticated open", "ClusterRoleBinding/b User:system:anonymous unauthenticated open"],
            Lines(findings));
        Assert.All(findings, f => Assert.Equal(Severity.High, f.Severity));
    }

    [Fact]
    public void Anonymous_access_beyond_reading_is_critical()
    {
        var f = Assert.Single(Run(Rule, Grant("r", "- {apiGroups: [\"\"], resources: [configmaps], verbs: [create]}", "b", "legacy", User("system:anonymous"))));

        Assert.Equal(Severity.Critical, f.Severity);
    }

    [Fact]
    public void A_binding_of_anonymous_to_a_missing_role_is_reported()
    {
        const string manifests = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: open-later}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: not-yet}
            subjects: [{kind: Group, name: "system:unauthenticated"}]
            """;

        var f = Assert.Single(Run(Rule, manifests));

        Assert.Contains("does not exist yet", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- {apiGroups: [networking.k8s.io], resources: [ingressclasses], verbs: [get, list, watch]}", null)]
    [InlineData("- {nonResourceURLs: [/api, /apis, /version], verbs: [get]}", null)]
    [InlineData("- {apiGroups: [example.com], resources: [\"*\"], verbs: [get, list]}", null)]
    [InlineData("- {apiGroups: [\"\"], resources: [configmaps], verbs: [get, create]}", UnauthenticatedAccessRule.NonReadVerbs)]
    [InlineData("- {apiGroups: [\"\"], resources: [secrets], resourceNames: [public], verbs: [get]}", UnauthenticatedAccessRule.SecretReads)]
    [InlineData("- {apiGroups: [\"\"], resources: [\"*\"], verbs: [list]}", "duty compliance-scanning; secret reads")]
    [InlineData("- {apiGroups: [\"\"], resources: [pods/exec], verbs: [get]}", UnauthenticatedAccessRule.ExecOrProxy)]
    [InlineData("- {apiGroups: [\"\"], resources: [\"*/proxy\"], verbs: [get]}", UnauthenticatedAccessRule.ExecOrProxy)]
    [InlineData("- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings], verbs: [list]}", "duty audit-read")]
    public void System_authenticated_is_reported_beyond_read_only_discovery(string rules, string? key)
    {
        var findings = Run(Rule, Grant("r", rules, "b", null, Group("system:authenticated")));

        if (key is null)
        {
            Assert.Empty(findings);
        }
        else
        {
            Assert.Equal(key, Assert.Single(findings).Key);
        }
    }

    [Fact]
    public void Reasons_are_combined_and_sorted_in_the_key()
    {
        var f = Assert.Single(Run(Rule, Grant("r", "- {apiGroups: [networking.k8s.io], resources: [ingresses], verbs: [get, patch]}\n- {apiGroups: [\"\"], resources: [secrets], verbs: [list]}", "b", "legacy", Group("system:authenticated"))));

        // compliance-scanning (list/watch Secrets) and route-editing (Ingress writes) each describe part of it.
        Assert.Equal("duty compliance-scanning; duty route-editing; non-read verbs; secret reads", f.Key);
        Assert.StartsWith("namespace legacy", f.Evidence[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_rule_through_a_role_binding_is_inert()
    {
        Assert.Empty(UnauthenticatedAccessRule.Reasons(new PolicyRule { NonResourceUrls = ["/debug"], Verbs = ["post"] }, clusterWide: false, BuiltinDuties.All.Values));
        Assert.Equal([UnauthenticatedAccessRule.NonReadVerbs], UnauthenticatedAccessRule.Reasons(new PolicyRule { NonResourceUrls = ["/debug"], Verbs = ["post"] }, clusterWide: true, BuiltinDuties.All.Values).ToArray());
    }

    [Fact]
    public void Kubernetes_discovery_bindings_are_builtin()
    {
        const string manifests = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: "system:basic-user", labels: {kubernetes.io/bootstrapping: rbac-defaults}}
            rules: [{apiGroups: [authorization.k8s.io], resources: [selfsubjectaccessreviews, selfsubjectrulesreviews], verbs: [create]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: "system:basic-user", labels: {kubernetes.io/bootstrapping: rbac-defaults}}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:basic-user"}
            subjects: [{kind: Group, name: "system:authenticated"}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: "system:public-info-viewer", labels: {kubernetes.io/bootstrapping: rbac-defaults}}
            rules: [{nonResourceURLs: [/healthz, /version], verbs: [get]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: "system:public-info-viewer", labels: {kubernetes.io/bootstrapping: rbac-defaults}}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:public-info-viewer"}
            subjects: [{kind: Group, name: "system:authenticated"}, {kind: Group, name: "system:unauthenticated"}]
            """;

        Assert.Equal(
            [
                "ClusterRoleBinding/system:basic-user Group:system:authenticated non-read verbs builtin",
                "ClusterRoleBinding/system:public-info-viewer Group:system:unauthenticated unauthenticated builtin",
            ],
            Lines(Run(Rule, manifests)));
    }
}
