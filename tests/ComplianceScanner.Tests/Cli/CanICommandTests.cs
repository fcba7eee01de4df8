using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Tests.Cli;

public sealed partial class CanICommandTests
{
    private static CliResult Ask(params string[] args) =>
        CliRunner.Run(ConformanceFixture.WorkingDirectory, ["can-i", .. args, "--from", ConformanceFixture.Path]);

    [Theory]
    [InlineData("ingresses")]
    [InlineData("ingress")]
    [InlineData("ing")]
    [InlineData("Ingress")]
    [InlineData("ingresses.networking.k8s.io")]
    [InlineData("ingresses.v1.networking.k8s.io")]
    [InlineData("ingresses.networking")]
    [InlineData("ing.networking")]
    public void Every_spelling_of_a_type_gets_the_same_answer(string type)
    {
        Assert.Equal(0, Ask("create", type, "-n", "shop", "--as", "alice").ExitCode);
        Assert.Equal(1, Ask("create", type, "-n", "other", "--as", "alice").ExitCode);
    }

    [Fact]
    public void Yes_prints_only_yes_and_no_prints_only_no()
    {
        var yes = Ask("get", "secrets", "-n", "shop", "--as", "tom", "--as-group", "team-shop");
        var no = Ask("get", "secrets", "-n", "other", "--as", "tom", "--as-group", "team-shop");

        Assert.Equal(("yes\n", "", 0), (yes.Out, yes.Error, yes.ExitCode));
        Assert.Equal(("no\n", "", 1), (no.Out, no.Error, no.ExitCode));
    }

    [Fact]
    public void Quiet_prints_nothing_and_answers_with_the_exit_code()
    {
        var yes = Ask("get", "secrets", "-n", "shop", "--as", "tom", "--as-group", "team-shop", "-q");
        var no = Ask("get", "secrets", "-n", "other", "--as", "tom", "--as-group", "team-shop", "--quiet");

        Assert.Equal(("", 0), (yes.Out, yes.ExitCode));
        Assert.Equal(("", 1), (no.Out, no.ExitCode));
    }

    [Fact]
    public void All_namespaces_overrides_the_namespace_with_a_warning()
    {
        var r = Ask("create", "ingresses", "-n", "shop", "-A", "--as", "alice");

        Assert.Equal(("no\n", 1), (r.Out, r.ExitCode));
        Assert.Contains("Warning: -A/--all-namespaces overrides -n/--namespace", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_type_warns_like_kubectl_and_is_still_answered()
    {
        var r = Ask("get", "widgets.example.com", "-n", "shop", "--as", "wendy");

        Assert.Equal(("yes\n", 0), (r.Out, r.ExitCode));
        Assert.StartsWith("Warning: the server doesn't have a resource type 'widgets' in group 'example.com'", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_namespace_on_a_cluster_scoped_type_is_ignored_with_a_warning()
    {
        var r = Ask("get", "nodes", "-n", "shop", "--as", "dave");

        Assert.Equal(("yes\n", 0), (r.Out, r.ExitCode));
        Assert.Equal("Warning: resource 'nodes' is not namespace scoped; the namespace is ignored\n", r.Error);
    }

    [Theory]
    [InlineData("frobnicate", "pods")]
    [InlineData("list", "/healthz")]
    public void An_unknown_verb_warns_and_is_still_answered(string verb, string target)
    {
        var r = Ask(verb, target, "--as", "dave");

        Assert.Equal(("no\n", 1), (r.Out, r.ExitCode));
        Assert.Equal($"Warning: verb '{verb}' is not a known verb\n", r.Error);
    }

    [Fact]
    public void Impersonation_verbs_on_users_and_groups_need_no_warning()
    {
        var r = Ask("impersonate", "users/alice", "--as", "root", "--as-group", "admins");

        Assert.Equal(("yes\n", "", 0), (r.Out, r.Error, r.ExitCode));
    }

    [Fact]
    public void Explain_prints_the_chain_the_authorizer_stops_at()
    {
        var r = Ask("create", "ingresses", "-n", "shop", "--as", "alice", "--explain");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(
            """
            yes
            request:  "create" resource "ingresses.networking.k8s.io" in namespace "shop"
            user:     alice [system:authenticated]
            allowed:  RBAC: allowed by RoleBinding "rb-editor/shop" of ClusterRole "ingress-editor" to User "alice"
            chain:    User:alice
                      -> RoleBinding shop/rb-editor
                      -> ClusterRole/ingress-editor
                      -> rule #0: verbs=[get list create update patch delete] apiGroups=[networking.k8s.io] resources=[ingresses]
                      scope: namespace shop

            """,
            r.Out);
    }

    [Fact]
    public void Explain_shows_the_aggregated_source_of_a_rule_and_every_other_allowing_grant()
    {
        var r = Ask("get", "services/s", "-n", "shop", "--as", "ivan", "--as-group", "team-agg", "--explain");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("allowed:  RBAC: allowed by ClusterRoleBinding \"crb-agg\" of ClusterRole \"aggregated-top\" to User \"ivan\"", r.Out, StringComparison.Ordinal);
        Assert.Contains("-> ClusterRole/agg-extra rule #0 (via aggregated-feature)", r.Out, StringComparison.Ordinal);
        Assert.Contains("also allowed by 1 more grant(s):", r.Out, StringComparison.Ordinal);
        Assert.Contains("Group:team-agg -> RoleBinding shop/rb-agg -> ClusterRole/aggregated-feature", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_for_no_lists_the_bindings_checked_and_a_RoleBinding_elsewhere()
    {
        var r = Ask("create", "ingresses", "-n", "other", "--as", "alice", "--explain");

        Assert.Equal(1, r.ExitCode);
        Assert.Equal(
            """
            no
            request:  "create" resource "ingresses.networking.k8s.io" in namespace "other"
            user:     alice [system:authenticated]
            denied:   RBAC: no rules authorize user "alice" with groups [system:authenticated] to "create" resource "ingresses.networking.k8s.io" in namespace "other"
            checked:  1 binding(s) of this user that apply cluster-wide and in namespace other; none has a matching rule:
                      ClusterRoleBinding crb-authenticated -> ClusterRole/basic (for Group:system:authenticated)
            near misses:
                      RoleBinding shop/rb-editor -> ClusterRole/ingress-editor rule #0 (for User:alice) allows it, but only in namespace shop

            """,
            r.Out);
    }

    [Fact]
    public void Explain_for_no_names_the_resourceNames_that_were_missed()
    {
        var r = Ask("get", "secrets/db-password", "-n", "shop", "--as", "hank", "--explain");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains(
            "RoleBinding shop/rb-named-secret -> ClusterRole/secret-reader-named rule #0 (for User:hank) allows it only for resourceNames [tls-shop]; the request names \"db-password\"",
            r.Out,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_for_no_reports_dangling_bindings_of_the_user()
    {
        var r = Ask("get", "pods", "-A", "--as", "bob", "--explain");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("ignored:  ClusterRoleBinding crb-missing references ClusterRole \"nope\", which does not exist; it grants nothing", r.Out, StringComparison.Ordinal);
        Assert.Contains("checked:  ", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_for_a_cluster_scoped_request_says_RoleBindings_never_answer_it()
    {
        var r = Ask("get", "nodes/n1", "--as", "carol", "--explain");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("checked:  1 binding(s) of this user that apply cluster-wide; none has a matching rule:", r.Out, StringComparison.Ordinal);
        Assert.Contains("RoleBinding shop/rb-nodes -> ClusterRole/nodes-reader rule #0 (for User:carol) allows it, but only in namespace shop; a RoleBinding never answers a cluster-scoped or all-namespaces request", r.Out, StringComparison.Ordinal);
    }

    public static TheoryData<string[]> UsageErrors => new()
    {
        new[] { "can-i" },
        new[] { "can-i", "get", "--as", "alice" },
        new[] { "can-i", "get", "pods", "extra", "--as", "alice" },
        new[] { "can-i", "get", "pods", "--as", "alice", "--bogus" },
        new[] { "can-i", "get", "/healthz", "--subresource", "log", "--as", "alice" },
        new[] { "can-i", "get", "/healthz", "-n", "shop", "--as", "alice" },
        new[] { "can-i", "get", "pods" },
        new[] { "can-i", "get", "pods", "--as", "" },
        new[] { "can-i", "get", "pods", "--as", "alice", "--explain", "-q" },
        new[] { "can-i", "get", "pods", "-n", "", "--as", "alice" },
        new[] { "can-i", "get", "/name", "--as", "alice", "-n" },
        new[] { "can-i", "get", "", "--as", "alice" },
        new[] { "can-i", "get", "/x", "--as", "alice", "--config", "missing.yaml" },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public void Usage_errors_exit_2_with_one_error_line_and_no_stack_trace(string[] args)
    {
        var r = CliRunner.Run(ConformanceFixture.WorkingDirectory, [.. args, "--from", ConformanceFixture.Path]);

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal("", r.Out);
        Assert.False(r.HasStackTrace, r.ToString());
        Assert.Single(r.Error.Split('\n'), l => l.StartsWith("error: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_as_says_why_it_is_required()
    {
        var r = Ask("get", "pods");

        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: --as USER is required: offline there is no current user to ask as", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Subresource_with_a_url_is_rejected_as_kubectl_does()
    {
        var r = Ask("get", "/logs/", "--subresource", "x", "--as", "dave");

        Assert.Equal("error: --subresource can not be used with NONRESOURCEURL.\n", r.Error);
    }

    [Fact]
    public void Without_from_or_config_the_bundled_demo_is_asked()
    {
        using var dir = new TempDirectory();

        var r = CliRunner.Run(dir.Path, "can-i", "patch", "ingresses", "-n", "payments", "--as", "someone", "--as-group", "team-shop");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("yes\n", r.Out);
        Assert.Contains("using the bundled demo", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_config_source_path_is_the_default_input()
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", """
            apiVersion: compliancescanner.io/v1
            kind: ScannerConfig
            cluster: {name: tiny}
            source: {path: m}
            layers:
              namespace:
                teams:
                - {name: web, subjects: [{kind: Group, name: team-web}], namespaces: [web], duties: [route-editing]}
            """);
        dir.File("m/rbac.yaml", """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: web-edit, namespace: web}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
            subjects: [{kind: Group, name: team-web}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: edit}
            rules: [{apiGroups: [networking.k8s.io], resources: [ingresses], verbs: [create]}]
            """);

        var yes = CliRunner.Run(dir.Path, "can-i", "create", "ing", "-n", "web", "--as", "u", "--as-group", "team-web");
        var no = CliRunner.Run(dir.Path, "can-i", "create", "ing", "--as", "u", "--as-group", "team-web");

        Assert.True(yes.ExitCode == 0, yes.ToString());
        Assert.True(no.ExitCode == 1, no.ToString());
    }

    [Fact]
    public void Several_from_paths_are_read_together()
    {
        using var dir = new TempDirectory();
        dir.File("role.yaml", """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: reader}
            rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
            """);
        dir.File("binding.yaml", """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: reader}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
            subjects: [{kind: User, name: alice}]
            """);

        var both = CliRunner.Run(dir.Path, "can-i", "get", "pods", "--as", "alice", "--from", "role.yaml", "binding.yaml");
        var one = CliRunner.Run(dir.Path, "can-i", "get", "pods", "--as", "alice", "--from", "binding.yaml");

        Assert.True(both.ExitCode == 0, both.ToString());
        Assert.True(one.ExitCode == 1, one.ToString());
    }

    [Fact]
    public void Explain_output_makes_control_characters_in_names_visible()
    {
        using var dir = new TempDirectory();
        dir.File("rbac.yaml", """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: "evil\e[2J"}
            rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: reader}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "evil\e[2J"}
            subjects: [{kind: User, name: alice}]
            """);

        var r = CliRunner.Run(dir.Path, "can-i", "get", "pods", "--as", "alice", "--from", "rbac.yaml", "--explain");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.DoesNotContain('\u001b', r.Out);
        Assert.Contains("ClusterRole/evil\\u001b[2J", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_input_gets_no_answer_and_exit_2()
    {
        using var dir = new TempDirectory();
        dir.File("broken.yaml", "kind: ClusterRoleBinding\nmetadata: {name: [unclosed\n");

        var r = CliRunner.Run(dir.Path, "can-i", "get", "pods", "--as", "alice", "--from", "broken.yaml", "missing-dir");

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Contains("not answering: fix or leave out the unreadable input", r.Error, StringComparison.Ordinal);
        Assert.False(r.HasStackTrace, r.ToString());
    }

    [Fact]
    public void Explain_for_a_user_no_binding_applies_to_says_so()
    {
        using var dir = new TempDirectory();
        dir.File("rbac.yaml", """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: reader}
            rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
            """);

        var r = CliRunner.Run(dir.Path, "can-i", "get", "pods", "-n", "shop", "--as", "alice", "--from", "rbac.yaml", "--explain");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("checked:  no binding that applies to this user grants anything cluster-wide and in namespace shop", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("near misses", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_for_system_masters_says_it_bypasses_RBAC()
    {
        var r = CliRunner.Run(ConformanceFixture.WorkingDirectory, "can-i", "delete", "nodes", "--as", "root", "--as-group", "system:masters", "--explain", "--from", ConformanceFixture.Path);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("allowed:  member of system:masters, which bypasses RBAC\n", r.Out, StringComparison.Ordinal);
        Assert.Contains("chain:    Group:system:masters\n", r.Out, StringComparison.Ordinal);
    }
}
