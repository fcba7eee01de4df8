using ComplianceScanner.Core.Text;

namespace ComplianceScanner.Core.Tests.Text;

public sealed class GlobTests
{
    [Theory]
    [InlineData("shop", "shop", true)]
    [InlineData("shop", "shops", false)]
    [InlineData("shop-*", "shop-staging", true)]
    [InlineData("shop-*", "shop-", true)]
    [InlineData("shop-*", "shop", false)]
    [InlineData("*", "", true)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("nginx.ingress.kubernetes.io/*-snippet", "nginx.ingress.kubernetes.io/server-snippet", true)]
    [InlineData("nginx.ingress.kubernetes.io/*-snippet", "nginx.ingress.kubernetes.io/server-snippets", false)]
    [InlineData("*a*b*", "xxaxxbxx", true)]
    [InlineData("*a*b", "xxbxxa", false)]
    public void Matches_like_a_shell_glob(string pattern, string text, bool expected) =>
        Assert.Equal(expected, Glob.Matches(pattern, text));

    [Fact]
    public void Pathological_pattern_finishes_linearly()
    {
        // The backtracking-free algorithm handles the classic exponential case in one pass.
        var text = new string('a', 10_000);
        Assert.False(Glob.Matches(string.Concat(Enumerable.Repeat("*a", 50)) + "b", text));
    }
}
