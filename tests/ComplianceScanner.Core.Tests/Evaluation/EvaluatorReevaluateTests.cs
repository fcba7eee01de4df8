using ComplianceScanner.Core.Duties;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.Core.Tests.Rules.Rbac;
using static ComplianceScanner.Core.Tests.Permissions.Rbac;

namespace ComplianceScanner.Core.Tests.Evaluation;

public sealed class EvaluatorReevaluateTests
{
    private static readonly Evaluator Evaluator = new(RuleCatalogue.All);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Reevaluating_after_single_binding_changes_equals_a_full_evaluation(int seed) => ReevaluateEqualsFull(seed, knowsBinding: false);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Reevaluating_with_the_changed_binding_known_equals_a_full_evaluation(int seed) => ReevaluateEqualsFull(seed, knowsBinding: true);

    private static void ReevaluateEqualsFull(int seed, bool knowsBinding)
    {
        var (snapshot, config) = GeneratedCluster.Create(seed, namespaces: 9);
        var context = new EvaluationContext(snapshot, config, DutyWorld.Today);
        var result = Evaluator.Evaluate(context);
        Assert.Contains(result.Findings, f => f.RuleId == "SOD-RBAC-006");
        Assert.Contains(result.Findings, f => f.State == FindingState.Excepted);
        var random = new Random(seed * 31);
        for (var i = 0; i < 25; i++)
        {
            var (before, after) = GeneratedCluster.RandomChange(random, context.Snapshot);
            var next = context.WithBindingChanged(before, after);
            var incremental = knowsBinding
                ? Evaluator.Reevaluate(result, next, before, after)
                : Evaluator.Reevaluate(result, next, SubjectIdentity.Changed(before, after));
            var full = Evaluator.Evaluate(new EvaluationContext(next.Snapshot, config, DutyWorld.Today));

            Assert.Null(full.FirstDifference(incremental));
            context = next;
            result = incremental;
        }
    }

    [Fact]
    public void A_service_account_gaining_a_duty_opens_a_path_for_whoever_deploys_to_its_namespace()
    {
        // team-shop's SOD-RBAC-006 finding depends on shop/app's grants: the change names only shop/app, and the
        // evaluator re-runs the escalation rule for team-shop too.
        var secretWriter = Crb("app-secrets", "ClusterRole", "secret-writer", Subject.ServiceAccount("shop", "app"));
        var context = DutyWorld.Context(
            ServiceAccount("shop", "app"),
            ClusterRole("secret-writer", DutyWorld.Secrets("create")),
            ClusterRole("deployer", Rule(["apps"], ["deployments"], ["create"])),
            Rb("shop", "team-shop-deployer", "ClusterRole", "deployer", Subject.Group("team-shop")));
        var result = Evaluator.Evaluate(context);
        Assert.DoesNotContain(result.Findings, f => f.RuleId == "SOD-RBAC-006");

        var next = context.WithBindingChanged(null, secretWriter);
        var incremental = Evaluator.Reevaluate(result, next, SubjectIdentity.Changed(null, secretWriter));

        var finding = Assert.Single(incremental.Findings, f => f.RuleId == "SOD-RBAC-006");
        Assert.Equal((Subject.Group("team-shop"), "RoleBinding/shop/team-shop-deployer", "tls-management"), (finding.Subject, finding.Object!.ToString(), finding.Key));
        Assert.Null(Evaluator.Evaluate(new EvaluationContext(next.Snapshot, context.Config, DutyWorld.Today)).FirstDifference(incremental));

        var back = next.WithBindingChanged(secretWriter, null);
        var removed = Evaluator.Reevaluate(incremental, back, SubjectIdentity.Changed(secretWriter, null));
        Assert.Null(result.FirstDifference(removed));
    }

    [Fact]
    public void Findings_of_rules_that_do_not_read_rbac_are_kept_and_rules_that_failed_are_rerun()
    {
        var context = DutyWorld.Context();
        var ingress = new Finding
        {
            RuleId = "SOD-ING-001",
            Title = "t",
            Severity = Severity.High,
            Layer = Layer.Namespace,
            Message = "kept",
            Remediation = "r",
            Key = "k",
        };
        var previous = new EvaluationResult([ingress], [new RuleError("SOD-RBAC-001", "boom")], [], []);
        var binding = Crb("c", "ClusterRole", "ingress-writer", Subject.Group("contractors"));
        var next = DutyWorld.Context(ClusterRole("ingress-writer", DutyWorld.Ingresses("create")), binding);

        var result = Evaluator.Reevaluate(previous, next, []);

        Assert.Contains(result.Findings, f => f.Message == "kept");
        Assert.Contains(result.Findings, f => f.RuleId == "SOD-RBAC-001" && f.Subject == Subject.Group("contractors"));
        Assert.Empty(result.Errors);
        _ = context;
    }
}
