using ComplianceScanner.Configuration;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.Core.Rules.Rbac;
using ComplianceScanner.Snapshot.Manifests;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Core.Tests.Rules.Rbac;

/// <summary>
/// The contract of per-subject rules on the demo cluster: a full evaluation equals the union of per-subject
/// evaluations, a per-subject evaluation reports only about those subjects, and after one binding changes the findings
/// of the changed subjects recomputed on the new index, plus the others kept, equal a full evaluation.
/// </summary>
public sealed class SubjectRuleBaseTests
{
    private static readonly Lazy<EvaluationContext> Demo = new(() =>
    {
        var loaded = new ManifestLoader().Load([RepoPaths.At("examples", "demo-cluster")]);
        Assert.True(loaded.Errors.IsEmpty, string.Join(Environment.NewLine, loaded.Errors));
        var config = ConfigLoader.LoadFile(RepoPaths.At("scanner.yaml"), RbacScan.Today);
        Assert.False(config.HasErrors, string.Join(Environment.NewLine, config.Diagnostics));
        return new EvaluationContext(loaded.Snapshot, config.Config!, RbacScan.Today);
    });

    public static TheoryData<string> SubjectRules() => [.. RuleCatalogue.All.OfType<SubjectRuleBase>().Select(r => r.Descriptor.Id)];

    private static SubjectRuleBase RuleFor(string id) => RuleCatalogue.All.OfType<SubjectRuleBase>().Single(r => r.Descriptor.Id == id);

    [Theory]
    [MemberData(nameof(SubjectRules))]
    public void Full_evaluation_equals_evaluation_of_every_subject(string id)
    {
        var rule = RuleFor(id);
        var context = Demo.Value;

        var full = Fingerprints(rule.Evaluate(context));
        var perSubject = Fingerprints(rule.EvaluateSubjects(context, context.Permissions.Subjects));

        Assert.Equal(full, perSubject);
        Assert.NotEmpty(full);
    }

    [Theory]
    [MemberData(nameof(SubjectRules))]
    public void Evaluating_some_subjects_reports_only_about_them(string id)
    {
        var rule = RuleFor(id);
        var context = Demo.Value;
        var all = rule.Evaluate(context).ToList();
        var some = all.Select(f => f.Subject!).Distinct().Take(2).ToHashSet();

        var findings = rule.EvaluateSubjects(context, some).ToList();

        Assert.All(findings, f => Assert.Contains(f.Subject!, some));
        Assert.Equal(Fingerprints(all.Where(f => some.Contains(f.Subject!))), Fingerprints(findings));
    }

    [Theory]
    [MemberData(nameof(SubjectRules))]
    public void After_a_binding_change_recomputing_the_changed_subjects_matches_a_full_evaluation(string id)
    {
        var rule = RuleFor(id);
        var before = Demo.Value;
        var removed = before.Snapshot.ClusterRoleBindings.Single(b => b.Metadata.Name == "team-blog-edit");
        var added = new RbacBinding
        {
            Metadata = new ObjectMeta { Name = "contractors-everything" },
            RoleRef = new RoleRef("ClusterRole", "cluster-admin"),
            Subjects = [Subject.Group("contractors"), Subject.Group("system:authenticated")],
        };

        foreach (var (from, to) in new (RbacBinding? From, RbacBinding? To)[] { (removed, null), (null, added) })
        {
            var index = before.Permissions.WithBindingChanged(from, to);
            var bindings = before.Snapshot.ClusterRoleBindings.Where(b => !ReferenceEquals(b, from));
            var snapshot = before.Snapshot with { ClusterRoleBindings = [.. to is null ? bindings : bindings.Append(to)] };
            var after = before.WithRbac(snapshot, index);
            var changed = new[] { from, to }.OfType<RbacBinding>().SelectMany(b => b.Subjects).ToHashSet();

            var kept = rule.Evaluate(before).Where(f => !changed.Contains(f.Subject!));
            var incremental = Fingerprints(kept.Concat(rule.EvaluateSubjects(after, changed)));

            Assert.Equal(Fingerprints(rule.Evaluate(after)), incremental);
        }
    }

    private static List<string> Fingerprints(IEnumerable<Finding> findings) =>
        [.. findings.Select(f => $"{f.Fingerprint} {f.State} {f.Severity}").Order(StringComparer.Ordinal)];
}
