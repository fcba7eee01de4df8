using ComplianceScanner.Core.Duties;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Model;
using static ComplianceScanner.Core.Tests.Permissions.Rbac;
using static ComplianceScanner.Core.Tests.Rules.Rbac.DutyWorld;

namespace ComplianceScanner.Core.Tests.Rules.Rbac;

public sealed class DutyAnalysisTests
{
    [Fact]
    public void A_team_holds_its_duty_allowed_in_its_namespace_and_not_allowed_elsewhere()
    {
        var context = Context(
            ClusterRole("ingress-writer", Ingresses("get", "create", "update")),
            Rb("shop", "editors", "ClusterRole", "ingress-writer", Subject.Group("team-shop")),
            Rb("blog", "helpers", "ClusterRole", "ingress-writer", Subject.Group("team-shop")),
            Crb("everywhere", "ClusterRole", "ingress-writer", Subject.Group("team-shop")));

        var duties = context.Duties.Of(Subject.Group("team-shop"));

        Assert.Equal("team shop: may hold route-editing, tls-management in its namespaces (shop, shop-*)", duties.Declaration.Verdict);
        Assert.Equal(
            ["route-editing cluster-wide allowed=False", "route-editing namespace blog allowed=False", "route-editing namespace shop allowed=True"],
            duties.Holdings.Select(h => $"{h.Duty} {h.Scope} allowed={h.Allowed}"));
        var shop = duties.Holdings.Single(h => h.Namespace == "shop");
        var grant = Assert.Single(shop.Grants);
        Assert.Equal(["verbs=[create] apiGroups=[networking.k8s.io] resources=[ingresses]", "verbs=[update] apiGroups=[networking.k8s.io] resources=[ingresses]"], grant.Covered.Select(t => t.ToString()));
        Assert.True(grant.IsAllowed);
        Assert.Equal("RoleBinding shop/editors", grant.Grant.Chain[1]);
        Assert.True(duties.Holds("route-editing", "payments"));
        Assert.False(duties.IsCompliant);
    }

    [Fact]
    public void A_permission_several_duties_describe_is_allowed_when_one_of_them_is()
    {
        // Secret list/watch is described by tls-management, controller-operation and compliance-scanning (S2): the
        // scanner's service account may hold it through compliance-scanning alone; Secret get it may not.
        var context = Context(
            ClusterRole("secret-lister", Secrets("list", "watch")),
            ClusterRole("secret-getter", Secrets("get")),
            Crb("scanner-list", "ClusterRole", "secret-lister", Subject.ServiceAccount("security", "scanner")),
            Crb("scanner-get", "ClusterRole", "secret-getter", Subject.ServiceAccount("security", "scanner")));

        var duties = context.Duties.Of(Subject.ServiceAccount("security", "scanner"));

        Assert.Equal(["compliance-scanning", "controller-operation", "tls-management"], duties.DutyNames.ToArray());
        var list = duties.Holdings.Single(h => h.Duty == "tls-management").Grants.Single(g => g.Binding.Metadata.Name == "scanner-list");
        Assert.True(list.IsAllowed);
        var get = duties.Holdings.Single(h => h.Duty == "tls-management").Grants.Single(g => g.Binding.Metadata.Name == "scanner-get");
        Assert.Equal(["verbs=[get] apiGroups=[\"\"] resources=[secrets]"], get.Disallowed.Select(t => t.ToString()));
        Assert.Equal(["compliance-scanning", "controller-operation", "tls-management"], context.Duties.DutiesDescribing(Secrets("list")).ToArray());
    }

    [Fact]
    public void Grants_limited_by_resource_names_and_inert_role_binding_grants_hold_nothing()
    {
        var context = Context(
            ClusterRole("named-secret", Rule([""], ["secrets"], ["get", "update"], ["db"])),
            ClusterRole("classes", Rule(["networking.k8s.io"], ["ingressclasses"], ["create"]), Urls(["/metrics"], ["get"])),
            Rb("shop", "named", "ClusterRole", "named-secret", Subject.User("alice")),
            Rb("shop", "classes", "ClusterRole", "classes", Subject.User("alice")));

        Assert.False(context.Duties.Of(Subject.User("alice")).HoldsAny);
        Assert.DoesNotContain(context.Duties.Subjects, d => d.Subject == Subject.User("alice"));
    }

    [Fact]
    public void Bind_on_cluster_roles_in_a_role_binding_is_held_in_its_namespace()
    {
        // The API server checks bind on a ClusterRole in the namespace of the RoleBinding being written.
        var context = Context(
            ClusterRole("binder", Rule(["rbac.authorization.k8s.io"], ["clusterroles"], ["bind"]), Rule(["rbac.authorization.k8s.io"], ["clusterrolebindings"], ["create"])),
            Rb("shop", "binder", "ClusterRole", "binder", Subject.User("alice")));

        var holding = Assert.Single(context.Duties.Of(Subject.User("alice")).Holdings);
        Assert.Equal(("rbac-management", "shop"), (holding.Duty, holding.Namespace));
        Assert.Equal(["verbs=[bind] apiGroups=[rbac.authorization.k8s.io] resources=[clusterroles]"], holding.Grants.Single().Covered.Select(t => t.ToString()));
    }

    [Fact]
    public void A_user_named_like_a_service_account_is_that_service_account()
    {
        var context = Context(
            ClusterRole("ingress-writer", Ingresses("create")),
            ClusterRole("secret-writer", Secrets("create")),
            Crb("as-user", "ClusterRole", "ingress-writer", Subject.User("system:serviceaccount:ci:bot")),
            Rb("ci", "as-sa", "ClusterRole", "secret-writer", new Subject(Subject.ServiceAccountKind, "bot")));

        var bot = Subject.ServiceAccount("ci", "bot");
        Assert.Equal(["route-editing", "tls-management"], context.Duties.Of(Subject.User("system:serviceaccount:ci:bot")).DutyNames.ToArray());
        Assert.Equal(bot, context.Duties.Of(Subject.User("system:serviceaccount:ci:bot")).Subject);
        Assert.Single(context.Duties.Subjects, d => d.Subject == bot);
        Assert.DoesNotContain(context.Duties.Subjects, d => d.Subject.Kind == Subject.UserKind);
    }

    [Fact]
    public void Own_namespaces_are_the_teams_and_the_layers()
    {
        var analysis = Context().Duties;
        var shop = analysis.Declaration(Subject.Group("team-shop"));
        var platform = analysis.Declaration(Subject.Group("platform"));
        var nobody = analysis.Declaration(Subject.Group("contractors"));

        Assert.True(analysis.IsOwnNamespace(shop, "shop-staging"));
        Assert.False(analysis.IsOwnNamespace(shop, "blog"));
        Assert.True(analysis.IsOwnNamespace(platform, "ingress"));
        Assert.True(analysis.IsOwnNamespace(platform, "kube-system"));
        Assert.False(analysis.IsOwnNamespace(platform, "shop"));
        Assert.False(analysis.IsOwnNamespace(nobody, "shop"));
        Assert.Equal("declared in no layer of scanner.yaml", nobody.Verdict);
        Assert.Equal(
            "implicit identity (every service account in namespace legacy), declared in no layer",
            analysis.Declaration(Subject.Group("system:serviceaccounts:legacy")).Verdict);
    }

    [Fact]
    public void The_complete_table_and_one_subject_at_a_time_agree_on_every_subject()
    {
        var (snapshot, config) = GeneratedCluster.Create(seed: 7, namespaces: 8);
        var complete = new EvaluationContext(snapshot, config, Today).Duties;
        var subjects = complete.Subjects;
        var single = new EvaluationContext(snapshot, config, Today).Duties;

        Assert.NotEmpty(subjects);
        foreach (var expected in subjects)
        {
            Assert.Equal(Describe(expected), Describe(single.Of(expected.Subject)));
        }

        Assert.False(single.IsComplete);
    }

    [Fact]
    public void A_derived_analysis_equals_a_fresh_one_after_a_binding_change()
    {
        var (snapshot, config) = GeneratedCluster.Create(seed: 11, namespaces: 8);
        var context = new EvaluationContext(snapshot, config, Today);
        _ = context.Duties.Subjects;
        var random = new Random(3);
        for (var i = 0; i < 10; i++)
        {
            var (before, after) = GeneratedCluster.RandomChange(random, context.Snapshot);
            var next = context.WithBindingChanged(before, after);
            var fresh = new EvaluationContext(next.Snapshot, config, Today).Duties;

            Assert.True(next.Duties.IsComplete);
            Assert.Equal(fresh.Subjects.Select(Describe), next.Duties.Subjects.Select(Describe));
            context = next;
        }
    }

    internal static string Describe(SubjectDuties duties) =>
        $"{duties.Subject} [{duties.Declaration.Verdict}] " + string.Join(" | ", duties.Holdings.Select(h =>
            $"{h.Duty}@{h.Scope}:{h.Allowed}:" + string.Join(",", h.Grants.Select(g =>
                $"{g.Binding.Reference}#{g.Grant.RuleIndex}({string.Join(";", g.Covered)})-({string.Join(";", g.Disallowed)})"))));
}
