using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.Core.Rules.Rbac;
using ComplianceScanner.Core.Snapshot;
using static ComplianceScanner.Core.Tests.Permissions.Rbac;
using static ComplianceScanner.Core.Tests.Rules.Rbac.DutyWorld;

namespace ComplianceScanner.Core.Tests.Rules.Rbac;

public sealed class DutyRulesTests
{
    private static readonly IRule[] Rules =
    [
        new UndeclaredSubjectDutyRule(), new DutyOutsideLayerRule(), new TeamDutyOutsideNamespacesRule(), new ToxicCombinationRule(),
        new BroadIdentityDutyRule(), new EscalationPathRule(), new SelfExemptionRule(),
    ];

    private static string[] Run(EvaluationContext context) =>
        [.. new Evaluator(Rules).Evaluate(context).Findings.Select(f => $"{f.RuleId} {f.Object} {f.Subject} {f.Key} {f.State}").Order(StringComparer.Ordinal)];

    [Fact]
    public void An_implicit_group_is_reported_as_broad_and_not_also_as_undeclared()
    {
        var context = Context(
            ClusterRole("ingress-writer", Ingresses("create")),
            Crb("everyone", "ClusterRole", "ingress-writer", Subject.Group("system:authenticated"), Subject.User("system:anonymous"), Subject.Group("contractors")));

        Assert.Equal(
            [
                "SOD-RBAC-001 ClusterRoleBinding/everyone Group:contractors route-editing Open",
                "SOD-RBAC-005 ClusterRoleBinding/everyone Group:system:authenticated route-editing Open",
                "SOD-RBAC-005 ClusterRoleBinding/everyone User:system:anonymous route-editing Open",
            ],
            Run(context));
    }

    [Fact]
    public void A_team_reading_secrets_outside_its_namespaces_is_its_own_duty_outside_its_namespaces_not_another_layers()
    {
        // Secret get is described by tls-management (team shop's) and controller-operation (the cluster layer's).
        var context = Context(
            ClusterRole("secret-reader", Secrets("get")),
            Rb("blog", "shop-reads-blog", "ClusterRole", "secret-reader", Subject.Group("team-shop")),
            Rb("blog", "blog-reads-blog", "ClusterRole", "secret-reader", Subject.Group("team-blog")));

        Assert.Equal(
            [
                "SOD-RBAC-002 RoleBinding/blog/blog-reads-blog Group:team-blog controller-operation,tls-management Open",
                "SOD-RBAC-003 RoleBinding/blog/shop-reads-blog Group:team-shop tls-management Open",
            ],
            Run(context));
    }

    [Fact]
    public void Builtin_subjects_and_bindings_are_shown_as_builtin_and_broad_identities_never_are()
    {
        var context = Context(
            ClusterRole("secret-writer", Secrets("create")),
            Crb("system:controllers", "ClusterRole", "secret-writer", Subject.User("system:kube-controller-manager")),
            Crb("vendor", "ClusterRole", "secret-writer", Subject.Group("vendor-agents")).Labeled("eks.amazonaws.com/component", "agent"),
            Crb("system:everyone", "ClusterRole", "secret-writer", Subject.Group("system:serviceaccounts")).Labeled("kubernetes.io/bootstrapping", "rbac-defaults"));

        Assert.Equal(
            [
                "SOD-RBAC-001 ClusterRoleBinding/system:controllers User:system:kube-controller-manager tls-management Builtin",
                "SOD-RBAC-001 ClusterRoleBinding/vendor Group:vendor-agents tls-management Builtin",
                "SOD-RBAC-005 ClusterRoleBinding/system:everyone Group:system:serviceaccounts tls-management Builtin",
            ],
            Run(context));
    }

    [Fact]
    public void Rbac_rules_stay_silent_when_bindings_could_not_be_read()
    {
        var context = new EvaluationContext(
            DutyWorld.Snapshot(ClusterRole("ingress-writer", Ingresses("create")), Crb("c", "ClusterRole", "ingress-writer", Subject.Group("contractors"))) with
            {
                Missing = [new MissingKind("rolebindings.rbac.authorization.k8s.io", "forbidden")],
            },
            Config,
            Today);

        Assert.Empty(Run(context));
    }

    [Fact]
    public void Evaluating_every_subject_one_by_one_equals_the_full_evaluation()
    {
        var (snapshot, config) = GeneratedCluster.Create(seed: 5, namespaces: 9);
        var context = new EvaluationContext(snapshot, config, Today);
        var subjects = context.Permissions.Subjects;
        foreach (var rule in Rules.Cast<ISubjectRule>())
        {
            var full = rule.Evaluate(context).Select(Line).Order(StringComparer.Ordinal).ToArray();
            var fresh = new EvaluationContext(snapshot, config, Today);
            var one = rule.EvaluateSubjects(fresh, subjects).Select(Line).Order(StringComparer.Ordinal).ToArray();

            Assert.Equal(full, one);
        }
    }

    [Fact]
    public void The_self_exemption_rule_asks_with_the_objects_name()
    {
        var context = Context(
            new ConfigMapObject { Metadata = new ObjectMeta { Name = "compliance-scanner", Namespace = "security" } },
            new ConfigMapObject { Metadata = new ObjectMeta { Name = "compliancescanner-exceptions", Namespace = "security" } },
            ClusterRole("scanner-config", Rule([""], ["configmaps"], ["patch"], ["compliance-scanner"])),
            ClusterRole("other-config", Rule([""], ["configmaps"], ["patch", "delete"], ["dashboard"])),
            Rb("security", "u1", "ClusterRole", "scanner-config", Subject.User("u1")),
            Rb("security", "u2", "ClusterRole", "other-config", Subject.User("u2")),
            Rb("security", "scanner", "ClusterRole", "scanner-config", Subject.ServiceAccount("security", "scanner")));

        var finding = Assert.Single(new SelfExemptionRule().Evaluate(context));
        Assert.Equal((Subject.User("u1"), "security/compliance-scanner"), (finding.Subject, finding.Key));
        Assert.Contains(finding.Evidence, e => e is { Kind: "target", Reference: "ConfigMap/security/compliance-scanner", Detail: "patch" });
    }

    [Fact]
    public void Evidence_is_the_chain_from_subject_to_rule_with_the_aggregated_source()
    {
        var context = Context(
            ClusterRole("aggregate", Ingresses("create")).Labeled(("agg", "yes")),
            ClusterRole("top").Aggregating(Labels(("agg", "yes"))),
            Rb("shop", "contractors", "ClusterRole", "top", Subject.Group("contractors")));

        var finding = Assert.Single(new UndeclaredSubjectDutyRule().Evaluate(context));
        Assert.Equal(
            [
                "subject Group:contractors declared in no layer of scanner.yaml",
                "binding RoleBinding/shop/contractors namespace shop",
                "role ClusterRole/top aggregated from ClusterRole/aggregate",
                "rule ClusterRole/aggregate rules[0] verbs=[create] apiGroups=[networking.k8s.io] resources=[ingresses]",
                "duty route-editing ingresses.networking.k8s.io: create (in namespace shop)",
            ],
            finding.Evidence.Select(e => $"{e.Kind} {e.Reference} {e.Detail}"));
        Assert.Equal(("shop", "shop", Layer.Namespace), (finding.Namespace, finding.Team, finding.Layer));
    }

    private static string Line(Finding f) => $"{f.RuleId}|{f.Object}|{f.Subject}|{f.Key}|{f.State}|{f.Message}|{string.Join(";", f.Evidence)}";
}
