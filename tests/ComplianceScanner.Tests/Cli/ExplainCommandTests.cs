using ComplianceScanner.Cli;
using ComplianceScanner.Core.Model;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Tests.Cli;

public sealed class ExplainCommandTests
{
    [Theory]
    [InlineData("Group:team-shop", "Group", "team-shop", null)]
    [InlineData("User:alice", "User", "alice", null)]
    [InlineData("ServiceAccount:ci/deployer", "ServiceAccount", "deployer", "ci")]
    [InlineData("sa:ci/deployer", "ServiceAccount", "deployer", "ci")]
    [InlineData("system:serviceaccount:ci:deployer", "ServiceAccount", "deployer", "ci")]
    [InlineData("User:system:anonymous", "User", "system:anonymous", null)]
    public void Subjects_parse_in_every_documented_form(string text, string kind, string name, string? ns) =>
        Assert.Equal(new Subject(kind, name, ns), ExplainCommand.Parse(text));

    [Theory]
    [InlineData("team-shop", "is not Kind:name")]
    [InlineData("Robot:r2", "unknown kind 'Robot'")]
    [InlineData("ServiceAccount:deployer", "ServiceAccount:namespace/name")]
    public void Bad_subjects_exit_two_with_a_hint(string text, string expected)
    {
        var r = CliRunner.Run(RepoPaths.Root, "explain", text);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
        Assert.False(r.HasStackTrace, r.ToString());
    }

    [Fact]
    public void Team_with_a_cluster_wide_binding_is_shown_outside_its_boundary_with_the_chain_and_its_findings()
    {
        var r = CliRunner.Run(RepoPaths.Root, "explain", "Group:team-shop");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Layer:    team shop: may hold route-editing, tls-management in its namespaces (shop, shop-*)", r.Out, StringComparison.Ordinal);
        Assert.Contains("Verdict:  OUTSIDE its boundary", r.Out, StringComparison.Ordinal);
        Assert.Contains("via ClusterRoleBinding team-shop-ingress-editor -> ClusterRole/ingress-editor", r.Out, StringComparison.Ordinal);
        Assert.Contains("SOD-RBAC-003  ClusterRoleBinding/team-shop-ingress-editor", r.Out, StringComparison.Ordinal);

        // Its own namespaces are allowed, through the aggregated team-developer role.
        Assert.Matches(@"namespace shop\s+allowed", r.Out);
        Assert.Contains("ClusterRole/team-developer -> ClusterRole/team-developer-networking", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Declared_subject_within_its_boundary_says_so()
    {
        var r = CliRunner.Run(RepoPaths.Root, "explain", "ServiceAccount:ingress-nginx/ingress-nginx");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Layer:    cluster layer", r.Out, StringComparison.Ordinal);
        Assert.Contains("Verdict:  within its boundary", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_subject_holds_nothing_and_gets_a_spelling_note()
    {
        var r = CliRunner.Run(RepoPaths.Root, "explain", "User:nobody-at-all");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Effective permissions: none", r.Out, StringComparison.Ordinal);
        Assert.Contains("Findings about this subject: none.", r.Out, StringComparison.Ordinal);
        Assert.Contains("no binding names User:nobody-at-all", r.Error, StringComparison.Ordinal);
    }
}
