using ComplianceScanner.Configuration.Validation;
using ComplianceScanner.Core.Text;

namespace ComplianceScanner.Configuration.Tests.Validation;

public sealed class GlobOverlapTests
{
    [Theory]
    [InlineData("shop", "shop", "shop")]
    [InlineData("shop-*", "shop-a*", "shop-a")]
    [InlineData("shop-*", "shop-x", "shop-x")]
    [InlineData("*-x", "shop-*", "shop-x")]
    [InlineData("a*", "*b", "ab")]
    [InlineData("pay-?", "pay-*", "pay-a")]
    [InlineData("*", "anything", "anything")]
    [InlineData("a*b*c", "*bc", "abc")]
    [InlineData("??", "a*", "aa")]
    public void Overlapping_globs_have_a_common_match_that_both_accept(string a, string b, string expected)
    {
        var common = GlobOverlap.CommonMatch(a, b);

        Assert.Equal(expected, common);
        Assert.True(Glob.Matches(a, common!));
        Assert.True(Glob.Matches(b, common!));
        var reverse = GlobOverlap.CommonMatch(b, a);
        Assert.NotNull(reverse);
        Assert.True(Glob.Matches(a, reverse));
        Assert.True(Glob.Matches(b, reverse));
    }

    [Theory]
    [InlineData("shop", "blog")]
    [InlineData("shop-*", "blog-*")]
    [InlineData("shop-*", "shop")]
    [InlineData("a?c", "abd")]
    [InlineData("?", "ab")]
    [InlineData("a*", "b*")]
    [InlineData("*a", "*b")]
    public void Disjoint_globs_have_no_common_match(string a, string b)
    {
        Assert.Null(GlobOverlap.CommonMatch(a, b));
        Assert.Null(GlobOverlap.CommonMatch(b, a));
    }
}
