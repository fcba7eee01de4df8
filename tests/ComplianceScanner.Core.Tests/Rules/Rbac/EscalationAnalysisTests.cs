using ComplianceScanner.Core.Duties;
using ComplianceScanner.Core.Model;
using static ComplianceScanner.Core.Tests.Permissions.Rbac;
using static ComplianceScanner.Core.Tests.Rules.Rbac.DutyWorld;

namespace ComplianceScanner.Core.Tests.Rules.Rbac;

public sealed class EscalationAnalysisTests
{
    private static readonly Subject Shop = Subject.Group("team-shop");

    private static readonly RbacRole Deployer = ClusterRole("deployer", Rule(["apps"], ["deployments"], ["create"]));

    private static readonly RbacRole SecretWriter = ClusterRole("secret-writer", Secrets("create"));

    private static string[] Paths(Core.Evaluation.EvaluationContext context, Subject subject) =>
        [.. context.Duties.Escalations.PathsOf(subject).Select(p =>
            $"{p.Kind} {p.Binding.Reference} {p.Namespace ?? "*"} {p.Target}: {string.Join(", ", p.Duties.Select(d => $"{d.Duty}@{d.Namespace ?? "*"}"))}")];

    [Fact]
    public void Deploying_as_a_missing_service_account_is_no_path_unless_the_subject_can_create_it()
    {
        // blog has other service accounts, so blog/ghost (named by a binding) does not exist; a pod cannot run as it.
        KubeObject[] objects =
        [
            ServiceAccount("blog", "web"),
            Deployer,
            SecretWriter,
            Crb("ghost-secrets", "ClusterRole", "secret-writer", Subject.ServiceAccount("blog", "ghost")),
            Rb("blog", "shop-deploys", "ClusterRole", "deployer", Shop),
        ];
        Assert.Empty(Paths(Context(objects), Shop));

        var withCreate = Context([.. objects, ClusterRole("sa-creator", Rule([""], ["serviceaccounts"], ["create"])), Rb("blog", "shop-sas", "ClusterRole", "sa-creator", Shop)]);
        Assert.Equal(["WorkloadCreate RoleBinding/blog/shop-deploys blog ServiceAccount:blog/ghost: tls-management@*"], Paths(withCreate, Shop));
    }

    [Fact]
    public void The_default_service_account_always_exists_and_the_namespace_group_comes_with_any_service_account()
    {
        var context = Context(
            ServiceAccount("legacy", "web"),
            ClusterRole("ingress-writer", Ingresses("create")),
            SecretWriter,
            Deployer,
            Rb("legacy", "default-secrets", "ClusterRole", "secret-writer", Subject.ServiceAccount("legacy", "default")),
            Rb("legacy", "all-sas", "ClusterRole", "ingress-writer", Subject.Group("system:serviceaccounts:legacy")),
            Rb("legacy", "shop-deploys", "ClusterRole", "deployer", Shop));

        Assert.Equal(
            [
                "WorkloadCreate RoleBinding/legacy/shop-deploys legacy Group:system:serviceaccounts:legacy: route-editing@legacy",
                "WorkloadCreate RoleBinding/legacy/shop-deploys legacy ServiceAccount:legacy/default: tls-management@legacy",
            ],
            Paths(context, Shop));
    }

    [Fact]
    public void Nothing_is_reached_that_the_subject_holds_or_may_hold_there_or_that_its_implicit_groups_hold()
    {
        var context = Context(
            SecretWriter,
            ClusterRole("ingress-writer", Ingresses("create")),
            Deployer,
            Rb("shop", "app-secrets", "ClusterRole", "secret-writer", Subject.ServiceAccount("shop", "app")),
            Rb("shop", "app-ingress", "ClusterRole", "ingress-writer", Subject.ServiceAccount("shop", "app")),
            Crb("everyone-ingress", "ClusterRole", "ingress-writer", Subject.Group("system:authenticated")),
            Rb("shop", "shop-deploys", "ClusterRole", "deployer", Shop),
            Rb("shop", "contractors-deploy", "ClusterRole", "deployer", Subject.Group("contractors")));

        // team-shop may hold both duties in shop; contractors already hold route-editing as authenticated users.
        Assert.Empty(Paths(context, Shop));
        Assert.Equal(["WorkloadCreate RoleBinding/shop/contractors-deploy shop ServiceAccount:shop/app: tls-management@shop"], Paths(context, Subject.Group("contractors")));
    }

    [Fact]
    public void Impersonating_groups_needs_someone_to_impersonate_and_naming_system_masters_yields_everything()
    {
        var groupsOnly = Context(
            ClusterRole("groups", Rule([""], ["groups"], ["impersonate"])),
            Crb("alice-groups", "ClusterRole", "groups", Subject.User("alice")));
        Assert.Empty(Paths(groupsOnly, Subject.User("alice")));

        var named = Context(
            ClusterRole("masters", Rule([""], ["groups"], ["impersonate"], ["system:masters"]), Rule([""], ["users"], ["impersonate"], ["bob"])),
            Crb("alice-masters", "ClusterRole", "masters", Subject.User("alice")));
        var path = Assert.Single(named.Duties.Escalations.PathsOf(Subject.User("alice")));
        Assert.Equal((EscalationKind.ImpersonateGroup, "Group:system:masters"), (path.Kind, path.Target));
        Assert.Equal(named.Config.Duties.Keys.ToArray(), path.Duties.Select(d => d.Duty).ToArray());
        Assert.Equal("ClusterRoleBinding alice-masters", path.Companion!.Chain[1]);
    }

    [Fact]
    public void Bind_in_a_namespace_reaches_only_duties_that_can_be_held_there_and_named_roles_only_theirs()
    {
        var context = Context(
            SecretWriter,
            ClusterRole("binder", Rule(["rbac.authorization.k8s.io"], ["clusterroles"], ["bind"]), Rule(["rbac.authorization.k8s.io"], ["rolebindings"], ["create"])),
            ClusterRole("named-binder", Rule(["rbac.authorization.k8s.io"], ["clusterroles"], ["bind"], ["secret-writer"]), Rule(["rbac.authorization.k8s.io"], ["rolebindings"], ["create"])),
            Rb("blog", "u1-binds", "ClusterRole", "binder", Subject.User("u1")),
            Rb("blog", "u2-binds", "ClusterRole", "named-binder", Subject.User("u2")));

        var any = Assert.Single(context.Duties.Escalations.PathsOf(Subject.User("u1")));
        Assert.Equal(("any role", "blog"), (any.Target, any.Namespace));
        Assert.DoesNotContain(any.Duties, d => d.Duty is "ingress-class-management" or "audit-read");
        Assert.Contains(any.Duties, d => d.Duty == "route-editing" && d.Namespace == "blog");
        Assert.Equal(["Bind RoleBinding/blog/u2-binds blog ClusterRole/secret-writer: tls-management@blog"], Paths(context, Subject.User("u2")));
    }

    [Fact]
    public void Rbac_write_without_bind_is_delegation_and_the_cluster_layer_has_no_paths()
    {
        var context = Context(
            ClusterRole("rbac-writer", Rule(["rbac.authorization.k8s.io"], ["roles", "rolebindings", "clusterroles", "clusterrolebindings"], ["create", "update", "patch"])),
            ClusterRole("binder", Rule(["rbac.authorization.k8s.io"], ["clusterroles"], ["bind", "escalate"])),
            Crb("u1-writes", "ClusterRole", "rbac-writer", Subject.User("u1")),
            Crb("platform-writes", "ClusterRole", "rbac-writer", Subject.Group("platform")),
            Crb("platform-binds", "ClusterRole", "binder", Subject.Group("platform")));

        Assert.Empty(Paths(context, Subject.User("u1")));
        Assert.Empty(Paths(context, Subject.Group("platform")));
    }

    [Fact]
    public void A_change_to_a_service_accounts_duties_relates_to_whoever_can_run_as_it()
    {
        var context = Context(
            ServiceAccount("shop", "app"),
            Deployer,
            ClusterRole("token-maker", Rule([""], ["serviceaccounts/token"], ["create"], ["app"])),
            SecretWriter,
            Crb("app-secrets", "ClusterRole", "secret-writer", Subject.ServiceAccount("shop", "app")),
            Rb("shop", "shop-deploys", "ClusterRole", "deployer", Shop),
            Rb("shop", "u1-tokens", "ClusterRole", "token-maker", Subject.User("u1")),
            Rb("blog", "blog-deploys", "ClusterRole", "deployer", Subject.Group("team-blog")));
        var escalations = context.Duties.Escalations;

        Assert.Equal(["Group:team-shop", "User:u1"], escalations.RelatedTo([Subject.ServiceAccount("shop", "app")])!.Select(s => s.ToString()).Order().ToArray());

        // Once the analysis knows the state before the change, a service account that held no duty before or after is
        // nobody's target.
        _ = context.Duties.Subjects;
        var viewer = Rb("shop", "nobody-views", "ClusterRole", "deployer", Subject.ServiceAccount("shop", "nobody"));
        var next = context.WithBindingChanged(null, viewer);
        Assert.Empty(next.Duties.Escalations.RelatedTo([Subject.ServiceAccount("shop", "nobody")])!);
    }

    [Fact]
    public void A_change_to_an_implicit_group_holding_duties_relates_to_everyone()
    {
        var context = Context(
            ClusterRole("ingress-writer", Ingresses("create")),
            Deployer,
            Rb("legacy", "all-sas", "ClusterRole", "ingress-writer", Subject.Group("system:serviceaccounts:legacy")));

        Assert.Null(context.Duties.Escalations.RelatedTo([Subject.Group("system:serviceaccounts:legacy")]));

        _ = context.Duties.Subjects;
        var harmless = Rb("shop", "all-sas-deploy", "ClusterRole", "deployer", Subject.Group("system:serviceaccounts:shop"));
        var next = context.WithBindingChanged(null, harmless);
        Assert.Empty(next.Duties.Escalations.RelatedTo([Subject.Group("system:serviceaccounts:shop")])!);
    }
}
