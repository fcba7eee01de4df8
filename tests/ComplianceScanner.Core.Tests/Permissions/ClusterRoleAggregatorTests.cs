using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;
using static ComplianceScanner.Core.Tests.Permissions.Rbac;

namespace ComplianceScanner.Core.Tests.Permissions;

public sealed class ClusterRoleAggregatorTests
{
    private static readonly PolicyRule GetPods = Rule([""], ["pods"], ["get"]);
    private static readonly PolicyRule GetSecrets = Rule([""], ["secrets"], ["get"]);
    private static readonly PolicyRule GetServices = Rule([""], ["services"], ["get"]);

    [Fact]
    public void MatchLabels_selects_labelled_roles_sorted_by_name_and_excludes_itself()
    {
        var result = ClusterRoleAggregator.Aggregate(
        [
            ClusterRole("z-src", GetSecrets).Labeled(("x", "1")),
            ClusterRole("a-src", GetPods).Labeled(("x", "1")),
            ClusterRole("unlabelled", GetServices),
            ClusterRole("agg").Labeled(("x", "1")).Aggregating(Labels(("x", "1"))),
        ]);

        var agg = result.Find("agg")!;
        Assert.Equal([GetPods, GetSecrets], agg.ComputedRules.Select(r => r.Rule));
        Assert.Equal(["a-src", "z-src"], agg.SelectedRoles.AsEnumerable());
        Assert.Equal(["a-src", "z-src"], agg.ComputedRules.Select(r => r.Origin.Metadata.Name));
        Assert.Equal([0, 1], agg.ComputedRules.Select(r => r.Index));
        Assert.True(result.Converged);
    }

    [Fact]
    public void Selectors_are_applied_in_order_and_rules_are_deduplicated()
    {
        var result = ClusterRoleAggregator.Aggregate(
        [
            ClusterRole("a", GetPods, GetSecrets).Labeled(("second", "yes")),
            ClusterRole("b", GetSecrets, GetServices).Labeled(("first", "yes")),
            ClusterRole("agg").Aggregating(Labels(("first", "yes")), Labels(("second", "yes"))),
        ]);

        var agg = result.Find("agg")!;
        Assert.Equal([GetSecrets, GetServices, GetPods], agg.ComputedRules.Select(r => r.Rule));
        Assert.Equal([("b", 0), ("b", 1), ("a", 0)], agg.ComputedRules.Select(r => (r.Origin.Metadata.Name, r.OriginRuleIndex)));
    }

    [Theory]
    [InlineData("In", new[] { "gold", "silver" }, new[] { "gold" })]
    [InlineData("NotIn", new[] { "gold" }, new[] { "bronze", "none" })]
    [InlineData("Exists", new string[0], new[] { "bronze", "gold" })]
    [InlineData("DoesNotExist", new string[0], new[] { "none" })]
    public void MatchExpressions_select_as_Kubernetes_does(string op, string[] values, string[] expected)
    {
        var result = ClusterRoleAggregator.Aggregate(
        [
            ClusterRole("gold", GetPods).Labeled(("tier", "gold")),
            ClusterRole("bronze", GetSecrets).Labeled(("tier", "bronze")),
            ClusterRole("none", GetServices),
            ClusterRole("zz-agg").Aggregating(Expression("tier", op, values)),
        ]);

        Assert.Equal(expected, result.Find("zz-agg")!.SelectedRoles.AsEnumerable());
    }

    [Fact]
    public void An_empty_selector_selects_every_other_role()
    {
        var result = ClusterRoleAggregator.Aggregate([ClusterRole("a", GetPods), ClusterRole("b", GetSecrets), ClusterRole("agg").Aggregating(new LabelSelector())]);

        Assert.Equal(["a", "b"], result.Find("agg")!.SelectedRoles.AsEnumerable());
    }

    [Fact]
    public void Aggregation_is_transitive_with_provenance_through_intermediate_roles()
    {
        var result = ClusterRoleAggregator.Aggregate(
        [
            // Names chosen so that the outer role sorts before the inner one: the fixpoint must still complete it.
            ClusterRole("a-outer", GetServices).Aggregating(Labels(("to-outer", "true"))),
            ClusterRole("m-inner").Labeled(("to-outer", "true")).Aggregating(Labels(("to-inner", "true"))),
            ClusterRole("z-leaf", GetPods).Labeled(("to-inner", "true")),
            ClusterRole("y-direct", GetSecrets).Labeled(("to-outer", "true")),
        ]);

        var outer = result.Find("a-outer")!;
        Assert.Equal([GetPods, GetSecrets], outer.ComputedRules.Select(r => r.Rule));
        Assert.Equal("z-leaf", outer.ComputedRules[0].Origin.Metadata.Name);
        Assert.Equal(["m-inner"], outer.ComputedRules[0].Via.AsEnumerable());
        Assert.Empty(outer.ComputedRules[1].Via.AsEnumerable());
        Assert.True(result.Converged);
    }

    [Fact]
    public void Cycles_terminate_and_both_roles_get_every_source_rule()
    {
        var result = ClusterRoleAggregator.Aggregate(
        [
            ClusterRole("a").Labeled(("cyc", "a")).Aggregating(Labels(("cyc", "b"))),
            ClusterRole("b").Labeled(("cyc", "b")).Aggregating(Labels(("cyc", "a"))),
            ClusterRole("src-a", GetPods).Labeled(("cyc", "a")),
            ClusterRole("src-b", GetSecrets).Labeled(("cyc", "b")),
        ]);

        Assert.Equal([GetPods, GetSecrets], result.Find("a")!.ComputedRules.Select(r => r.Rule).OrderBy(r => r.ToString()));
        Assert.Equal([GetPods, GetSecrets], result.Find("b")!.ComputedRules.Select(r => r.Rule).OrderBy(r => r.ToString()));
        Assert.True(result.Converged);

        // Provenance is a simple path to the declaring role: never back through the role itself.
        var a = result.Find("a")!.ComputedRules;
        Assert.Equal("src-a b", a.Where(r => r.Rule == GetPods).Select(r => $"{r.Origin.Metadata.Name} {string.Join(',', r.Via)}").Single());
        Assert.Equal("src-b ", a.Where(r => r.Rule == GetSecrets).Select(r => $"{r.Origin.Metadata.Name} {string.Join(',', r.Via)}").Single());
        var b = result.Find("b")!.ComputedRules;
        Assert.All(b, r => Assert.DoesNotContain("b", r.Via));
        Assert.All(b, r => Assert.Equal(r.Rule, r.Origin.Rules[r.OriginRuleIndex]));
    }

    [Fact]
    public void A_self_selecting_role_does_not_feed_itself()
    {
        var result = ClusterRoleAggregator.Aggregate([ClusterRole("self").Labeled(("x", "1")).Aggregating(Labels(("x", "1")))]);

        Assert.Empty(result.Find("self")!.ComputedRules);
        Assert.Empty(result.Find("self")!.SelectedRoles.AsEnumerable());
    }

    [Fact]
    public void Declared_rules_are_compared_with_the_computed_union()
    {
        var src = ClusterRole("src", GetPods, GetSecrets).Labeled(("x", "1"));
        var selector = Labels(("x", "1"));

        var result = ClusterRoleAggregator.Aggregate(
        [
            src,
            ClusterRole("not-filled").Aggregating(selector),
            ClusterRole("identical", GetPods, GetSecrets).Aggregating(selector),
            ClusterRole("reordered", GetSecrets, GetPods).Aggregating(selector),
            ClusterRole("stale", GetPods, GetServices).Aggregating(selector),
        ]);

        Assert.Equal(DeclaredRulesState.NotFilled, result.Find("not-filled")!.DeclaredState);
        Assert.Equal(DeclaredRulesState.Identical, result.Find("identical")!.DeclaredState);
        Assert.True(result.Find("identical")!.AgreesWithDeclared);
        Assert.Equal(DeclaredRulesState.SameRulesDifferentOrder, result.Find("reordered")!.DeclaredState);
        var stale = result.Find("stale")!;
        Assert.Equal(DeclaredRulesState.Different, stale.DeclaredState);
        Assert.Equal([GetSecrets], stale.MissingFromDeclared.AsEnumerable());
        Assert.Equal([GetServices], stale.ExtraInDeclared.AsEnumerable());
        Assert.Equal(["stale"], result.Disagreements.Select(d => d.Name));
    }

    [Fact]
    public void Carried_rules_of_an_aggregated_source_are_not_used_as_input()
    {
        var result = ClusterRoleAggregator.Aggregate(
        [
            ClusterRole("inner", GetServices).Labeled(("outer", "1")).Aggregating(Labels(("inner", "1"))),
            ClusterRole("leaf", GetPods).Labeled(("inner", "1")),
            ClusterRole("outer").Aggregating(Labels(("outer", "1"))),
        ]);

        Assert.Equal([GetPods], result.Find("outer")!.ComputedRules.Select(r => r.Rule));
    }

    [Fact]
    public void No_aggregated_roles_gives_an_empty_result()
    {
        var result = ClusterRoleAggregator.Aggregate([ClusterRole("a", GetPods)]);

        Assert.Empty(result.Roles);
        Assert.Null(result.Find("a"));
    }

    [SkippableFact]
    public void Bootstrap_admin_edit_view_aggregate_exactly_their_sources()
    {
        var snapshot = PermissionIndexTests.LoadBootstrapPolicy();
        var roles = snapshot.ClusterRoles.ToDictionary(r => r.Metadata.Name);
        var result = ClusterRoleAggregator.Aggregate(snapshot.ClusterRoles);

        var view = result.Find("view")!;
        var edit = result.Find("edit")!;
        var admin = result.Find("admin")!;
        HashSet<PolicyRule> RulesOf(params string[] names) => [.. names.SelectMany(n => roles[n].Rules)];

        // The label chain: view feeds edit, edit feeds admin.
        Assert.Equal(["system:aggregate-to-view"], view.SelectedRoles.AsEnumerable());
        Assert.Equal(["system:aggregate-to-edit", "view"], edit.SelectedRoles.AsEnumerable());
        Assert.Equal(["edit", "system:aggregate-to-admin"], admin.SelectedRoles.AsEnumerable());

        Assert.Equal(RulesOf("system:aggregate-to-view"), view.ComputedRules.Select(r => r.Rule).ToHashSet());
        Assert.Equal(RulesOf("system:aggregate-to-edit", "system:aggregate-to-view"), edit.ComputedRules.Select(r => r.Rule).ToHashSet());
        Assert.Equal(
            RulesOf("system:aggregate-to-admin", "system:aggregate-to-edit", "system:aggregate-to-view"),
            admin.ComputedRules.Select(r => r.Rule).ToHashSet());
        Assert.Equal(admin.ComputedRules.Length, admin.ComputedRules.Select(r => r.Rule).Distinct().Count());

        // Provenance: every rule names its declaring role and the aggregated roles it passed through.
        Assert.All(admin.ComputedRules, r => Assert.Equal(r.Rule, r.Origin.Rules[r.OriginRuleIndex]));
        Assert.Contains(admin.ComputedRules, r => r.Origin.Metadata.Name == "system:aggregate-to-view" && r.Via.SequenceEqual(["edit", "view"]));
        Assert.Contains(admin.ComputedRules, r => r.Origin.Metadata.Name == "system:aggregate-to-admin" && r.Via.IsEmpty);

        // The golden file has rules: null for aggregated roles, as the controller has not run.
        Assert.All([view, edit, admin], r => Assert.Equal(DeclaredRulesState.NotFilled, r.DeclaredState));
        Assert.True(result.Converged);
    }

    [SkippableFact]
    public void Bootstrap_edit_grants_ingress_writes_in_a_namespace_through_a_role_binding()
    {
        var snapshot = PermissionIndexTests.LoadBootstrapPolicy() with
        {
            RoleBindings = [Rb("shop", "team-edit", "ClusterRole", "edit", Subject.Group("team-shop"))],
        };
        var index = PermissionIndex.Build(snapshot);
        var member = UserInfo.ForSubject(Subject.Group("team-shop"));

        var decision = index.Authorize(member, AuthorizationRequest.ForResource("patch", "networking.k8s.io", "ingresses", "shop", "promo"));

        Assert.True(decision.Allowed);
        Assert.Equal("system:aggregate-to-edit", decision.AllowedBy!.Source!.Origin.Metadata.Name);
        Assert.False(index.Authorize(member, AuthorizationRequest.ForResource("patch", "networking.k8s.io", "ingresses", "other", "promo")).Allowed);
        Assert.False(index.Authorize(member, AuthorizationRequest.ForResource("create", "rbac.authorization.k8s.io", "rolebindings", "shop")).Allowed);
        Assert.True(index.Authorize(member, AuthorizationRequest.ForResource("get", "", "pods", "shop", "p", "log")).Allowed);
    }
}
