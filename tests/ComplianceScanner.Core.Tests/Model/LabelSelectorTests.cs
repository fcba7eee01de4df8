using System.Collections.Immutable;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Tests.Model;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["team"] = "blog", ["tier"] = "web" };

    [Theory]
    [InlineData("In", new[] { "blog", "shop" }, true)]
    [InlineData("In", new[] { "shop" }, false)]
    [InlineData("NotIn", new[] { "shop" }, true)]
    [InlineData("NotIn", new[] { "blog" }, false)]
    [InlineData("Exists", new string[0], true)]
    [InlineData("DoesNotExist", new string[0], false)]
    [InlineData("Bogus", new[] { "blog" }, false)]
    public void Expressions_follow_kubernetes_semantics(string op, string[] values, bool expected)
    {
        var selector = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement("team", op, [.. values])] };
        Assert.Equal(expected, selector.Matches(Labels));
    }

    [Fact]
    public void NotIn_and_DoesNotExist_match_a_missing_key()
    {
        var selector = new LabelSelector
        {
            MatchExpressions = [new LabelSelectorRequirement("env", "NotIn", ["prod"]), new LabelSelectorRequirement("env", "DoesNotExist", [])],
        };
        Assert.True(selector.Matches(Labels));
    }

    [Fact]
    public void MatchLabels_and_expressions_are_anded()
    {
        var selector = new LabelSelector
        {
            MatchLabels = ImmutableSortedDictionary.CreateRange(new Dictionary<string, string> { ["team"] = "blog" }),
            MatchExpressions = [new LabelSelectorRequirement("tier", "In", ["db"])],
        };
        Assert.False(selector.Matches(Labels));
    }

    [Fact]
    public void Empty_selector_matches_everything() => Assert.True(new LabelSelector().Matches(new Dictionary<string, string>()));
}
