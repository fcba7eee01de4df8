using ComplianceScanner.Configuration.Validation;

namespace ComplianceScanner.Configuration.Tests.Validation;

public sealed class NameRulesTests
{
    [Theory]
    [InlineData("SOD-ING-003", true)]
    [InlineData("SOD-RBAC-001", true)]
    [InlineData("SOD-ING-03", false)]
    [InlineData("SOD-ING-0030", false)]
    [InlineData("sod-ing-003", false)]
    [InlineData("SOD-ING-*", false)]
    [InlineData("SOD-ING-003\n", false)]
    public void Rule_ids_are_SOD_area_three_digits(string id, bool valid) => Assert.Equal(valid, NameRules.IsRuleId(id));

    [Theory]
    [InlineData("SOD-ING-003", true)]
    [InlineData("SOD-ING-*", true)]
    [InlineData("SOD-*", true)]
    [InlineData("SOD-ING-00?", true)]
    [InlineData("*", false)]
    [InlineData("*-ING-003", false)]
    [InlineData("SOD-ing-*", false)]
    public void Rule_id_patterns_allow_globs_after_SOD(string id, bool valid) => Assert.Equal(valid, NameRules.IsRuleIdPattern(id));

    [Theory]
    [InlineData("shop", null)]
    [InlineData("shop-*", null)]
    [InlineData("*", null)]
    [InlineData("s?op", null)]
    [InlineData("-*", null)]
    [InlineData("shop-", "a namespace name must start and end with a letter or digit")]
    [InlineData("Shop", "a namespace name or glob may hold only lower-case letters, digits, '-', and the wildcards * and ?")]
    [InlineData("shop.a", "a namespace name or glob may hold only lower-case letters, digits, '-', and the wildcards * and ?")]
    public void Namespace_patterns_are_names_or_globs_over_name_characters(string pattern, string? problem) =>
        Assert.Equal(problem, NameRules.NamespacePatternProblem(pattern));

    [Fact]
    public void Namespace_names_are_at_most_63_characters()
    {
        Assert.Null(NameRules.NamespacePatternProblem(new string('a', 63)));
        Assert.Equal("a namespace name is at most 63 characters", NameRules.NamespacePatternProblem(new string('a', 64)));
    }
}
