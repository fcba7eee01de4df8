using ComplianceScanner.Core.Rules;

namespace ComplianceScanner.Core.Tests.Rules;

/// <summary>Each fail-*.yaml makes its rule fire; each pass-*.yaml keeps it silent. Runs every rule, so fixtures are realistic.</summary>
public sealed class RuleFixtureTests
{
    public static TheoryData<string, string> Failing() => Cases("fail-");

    public static TheoryData<string, string> Passing() => Cases("pass-");

    [Theory]
    [MemberData(nameof(Failing))]
    public void Failing_fixture_makes_the_rule_fire(string ruleId, string file)
    {
        var result = RuleFixtures.Evaluate(Path.Combine(RuleFixtures.Root, ruleId, file));
        var findings = RuleFixtures.Of(result, ruleId);
        Assert.NotEmpty(findings);
        Assert.All(findings, f =>
        {
            Assert.NotEmpty(f.Evidence);
            Assert.False(string.IsNullOrWhiteSpace(f.Message));
        });
    }

    [Theory]
    [MemberData(nameof(Passing))]
    public void Passing_fixture_keeps_the_rule_silent(string ruleId, string file)
    {
        var result = RuleFixtures.Evaluate(Path.Combine(RuleFixtures.Root, ruleId, file));
        Assert.Empty(RuleFixtures.Of(result, ruleId));
    }

    private static TheoryData<string, string> Cases(string prefix)
    {
        var data = new TheoryData<string, string>();
        foreach (var d in RuleCatalogue.Descriptors)
        {
            foreach (var f in RuleFixtures.Files(d.Id, prefix))
            {
                data.Add(d.Id, Path.GetFileName(f));
            }
        }

        return data;
    }
}
