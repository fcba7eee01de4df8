using System.Text.Json;
using ComplianceScanner.Cli;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Tests.Cli;

public sealed class WhoCanCommandTests
{
    private static CliResult WhoCan(params string[] args) =>
        CliRunner.Run(ConformanceFixture.WorkingDirectory, ["who-can", .. args, "--from", ConformanceFixture.Path]);

    [Fact]
    public void Lists_every_subject_with_its_binding_and_role()
    {
        var r = WhoCan("get", "secrets", "-n", "shop");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(
            """
            Who can "get" resource "secrets" in namespace "shop":
            KIND   NAME            NAMESPACE  BINDING                           ROLE                            SCOPE
            Group  system:masters             -                                 (system:masters bypasses RBAC)  cluster-wide
            Group  admins                     ClusterRoleBinding/crb-admins     ClusterRole/all-wild            cluster-wide
            Group  team-shop                  RoleBinding/shop/rb-secrets       Role/shop/shop-secrets          namespace shop
            User   cora                       ClusterRoleBinding/crb-core-star  ClusterRole/core-star           cluster-wide

            """,
            r.Out);
    }

    [Fact]
    public void All_namespaces_lists_only_cluster_wide_grants()
    {
        var r = WhoCan("list", "secrets", "-A");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Who can \"list\" resource \"secrets\" cluster-wide:", r.Out, StringComparison.Ordinal);
        Assert.Contains("admins", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("team-shop", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_namespace_adds_the_RoleBindings_of_every_namespace()
    {
        var r = WhoCan("create", "pods", "--subresource", "exec", "--any-namespace");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Who can \"create\" resource \"pods/exec\" in any namespace:", r.Out, StringComparison.Ordinal);
        Assert.Contains("system:serviceaccounts:ci", r.Out, StringComparison.Ordinal);
        Assert.Contains("RoleBinding/shop/rb-sa-default-ns", r.Out, StringComparison.Ordinal);
        Assert.Contains("ServiceAccount  deployer", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Resource_names_count_only_for_the_named_object()
    {
        Assert.DoesNotContain("hank", WhoCan("get", "secrets", "-n", "shop").Out, StringComparison.Ordinal);
        Assert.Contains("hank", WhoCan("get", "secrets/tls-shop", "-n", "shop").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregated_roles_show_where_the_rule_comes_from()
    {
        var r = WhoCan("get", "svc", "-n", "shop");

        Assert.Contains("ClusterRole/aggregated-top (aggregated from ClusterRole/agg-extra)", r.Out, StringComparison.Ordinal);
        Assert.Contains("RoleBinding/shop/rb-agg", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_resource_urls_are_granted_only_by_cluster_role_bindings()
    {
        var r = WhoCan("get", "/healthz");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("User   dave", r.Out, StringComparison.Ordinal);
        Assert.Contains("system:unauthenticated", r.Out, StringComparison.Ordinal);
        Assert.Contains("system:serviceaccounts:monitoring", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("carol", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_has_the_request_subjects_and_chains()
    {
        var r = WhoCan("get", "secrets", "-n", "shop", "-o", "json");

        Assert.True(r.ExitCode == 0, r.ToString());
        using var json = JsonDocument.Parse(r.Out);
        var root = json.RootElement;
        Assert.Equal("secrets", root.GetProperty("request").GetProperty("resource").GetString());
        Assert.Equal("namespace shop", root.GetProperty("request").GetProperty("scope").GetString());
        var subjects = root.GetProperty("subjects").EnumerateArray().ToList();
        Assert.Equal(["Group:system:masters", "Group:admins", "Group:team-shop", "User:cora"], subjects.Select(s => $"{s.GetProperty("kind").GetString()}:{s.GetProperty("name").GetString()}"));
        var teamShop = subjects[2].GetProperty("grants")[0];
        Assert.Equal("RoleBinding", teamShop.GetProperty("binding").GetProperty("kind").GetString());
        Assert.Equal("shop", teamShop.GetProperty("binding").GetProperty("namespace").GetString());
        Assert.Equal("Role", teamShop.GetProperty("role").GetProperty("kind").GetString());
        Assert.Equal("namespace shop", teamShop.GetProperty("scope").GetString());
        Assert.Equal("RBAC: allowed by RoleBinding \"rb-secrets/shop\" of Role \"shop-secrets\" to Group \"team-shop\"", teamShop.GetProperty("reason").GetString());
        Assert.Equal(["Group:team-shop", "RoleBinding shop/rb-secrets", "Role/shop/shop-secrets", "rule #0: verbs=[get list] apiGroups=[\"\"] resources=[secrets]"], teamShop.GetProperty("chain").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, subjects[0].GetProperty("grants")[0].GetProperty("binding").ValueKind);
    }

    [Fact]
    public void Json_output_marks_aggregated_rules()
    {
        var r = WhoCan("get", "services", "-n", "far-away", "-o", "json");

        using var json = JsonDocument.Parse(r.Out);
        var ivan = json.RootElement.GetProperty("subjects").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "ivan");
        var from = ivan.GetProperty("grants")[0].GetProperty("aggregatedFrom");
        Assert.Equal("agg-extra", from.GetProperty("name").GetString());
        Assert.Equal(["aggregated-feature"], from.GetProperty("via").EnumerateArray().Select(e => e.GetString()));
    }

    public static TheoryData<string, string, string?> Questions => new()
    {
        { "get", "secrets", "shop" },
        { "list", "secrets", null },
        { "create", "ingresses", "shop" },
        { "update", "pods/p", "shop" },
        { "get", "configmaps/c", "other" },
        { "get", "nodes", null },
        { "get", "/healthz", null },
        { "get", "/metrics", null },
        { "create", "selfsubjectaccessreviews", null },
        { "get", "services", "far-away" },
        { "get", "events", "shop" },
        { "get", "namespaces/shop", null },
        { "*", "*", "shop" },
    };

    [Theory]
    [MemberData(nameof(Questions))]
    public void Who_can_lists_exactly_the_subjects_the_engine_authorizes(string verb, string target, string? ns)
    {
        // Every subject named by a binding is asked through Authorize: who-can must list exactly those allowed.
        var query = AccessQueryParser.Parse(verb, target, null, ns, allNamespaces: ns is null);
        var answer = WhoCanCommand.Answer(
            new QuerySnapshot(ConformanceFixture.Snapshot, ConformanceFixture.Index, []), query, anyNamespace: false);
        var listed = answer.Subjects.Select(a => a.Subject).Where(s => s != Subject.Group(UserInfo.MastersGroup)).ToHashSet();

        foreach (var subject in ConformanceFixture.Index.Subjects)
        {
            var allowed = ConformanceFixture.Index.Authorize(UserInfo.ForSubject(subject), query.Request).Allowed;
            var grantedDirectly = allowed && ConformanceFixture.Index.For(subject).Grants.Any(g => g.Binding is not null
                && (g.Namespace is null || g.Namespace == query.Request.Namespace) && (query.Request.IsResourceRequest || g.Namespace is null)
                && RuleMatching.RuleAllows(g.Rule, query.Request));
            Assert.True(grantedDirectly == listed.Contains(subject), $"{subject}: engine {(grantedDirectly ? "allows" : "denies")} through its own bindings, who-can {(listed.Contains(subject) ? "lists" : "omits")} it");
        }
    }

    public static TheoryData<string[]> UsageErrors => new()
    {
        new[] { "who-can", "get" },
        new[] { "who-can", "get", "pods", "-o", "yaml" },
        new[] { "who-can", "get", "pods", "--any-namespace", "-n", "shop" },
        new[] { "who-can", "get", "/healthz", "--subresource", "x" },
        new[] { "who-can", "get", "/healthz", "-n", "shop" },
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
    public void Names_from_the_cluster_are_sanitized_in_the_table()
    {
        using var dir = new TempDirectory();
        dir.File("rbac.yaml", """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: reader}
            rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: reader}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
            subjects: [{kind: User, name: "mallory\e]0;owned\a"}]
            """);

        var table = CliRunner.Run(dir.Path, "who-can", "get", "pods", "--from", "rbac.yaml");
        var json = CliRunner.Run(dir.Path, "who-can", "get", "pods", "--from", "rbac.yaml", "-o", "json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.DoesNotContain('\u001b', table.Out);
        Assert.Contains("mallory\\u001b]0;owned\\u0007", table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', json.Out);
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Contains(doc.RootElement.GetProperty("subjects").EnumerateArray(), s => s.GetProperty("name").GetString() == "mallory\u001b]0;owned\a");
    }

    [Fact]
    public void Unreadable_input_still_lists_what_was_read_and_exits_2()
    {
        var r = CliRunner.Run(ConformanceFixture.WorkingDirectory, "who-can", "get", "secrets", "-n", "shop", "--from", ConformanceFixture.Path, "no-such-file.yaml");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("team-shop", r.Out, StringComparison.Ordinal);
        Assert.Contains("could not be read", r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("get", "secrets")]
    [InlineData("create", "pods")]
    [InlineData("get", "configmaps/c")]
    [InlineData("update", "pods/p")]
    [InlineData("*", "*")]
    public void Any_namespace_is_the_union_of_every_namespace_and_the_cluster_wide_question(string verb, string target)
    {
        var input = new QuerySnapshot(ConformanceFixture.Snapshot, ConformanceFixture.Index, []);
        var query = AccessQueryParser.Parse(verb, target, null, null, allNamespaces: false);
        var namespaces = ConformanceFixture.Snapshot.RoleBindings.Select(b => b.Metadata.Namespace!).Append("").Distinct();

        var any = WhoCanCommand.Answer(input, query, anyNamespace: true);
        var union = namespaces
            .SelectMany(ns => ConformanceFixture.Index.WhoCan(query.Request with { Namespace = ns }))
            .SelectMany(a => a.Grants.Select(g => $"{a.Subject} {g.Binding?.Reference}"))
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.Equal(union, any.Subjects.SelectMany(a => a.Grants.Select(g => $"{a.Subject} {g.Binding?.Reference}")).Order(StringComparer.Ordinal));
    }
}
