using ComplianceScanner.Core.Text;

namespace ComplianceScanner.Core.Tests.Text;

public sealed class HostPatternTests
{
    [Theory]
    [InlineData("*.shop.example.com", "www.shop.example.com", true)]
    [InlineData("*.shop.example.com", "WWW.Shop.Example.com", true)]
    [InlineData("*.shop.example.com", "shop.example.com", false)]
    [InlineData("*.shop.example.com", "a.b.shop.example.com", false)]
    [InlineData("*.shop.example.com", "*.shop.example.com", true)]
    [InlineData("shop.example.com", "*.example.com", false)]
    [InlineData("*.example.com", "*.shop.example.com", false)]
    [InlineData("shop.example.com", "shop.example.com", true)]
    [InlineData("*.example.com", "xexample.com", false)]
    public void Wildcard_covers_exactly_one_label(string pattern, string host, bool expected) =>
        Assert.Equal(expected, HostPattern.Covers(pattern, host));

    [Theory]
    [InlineData("shop.example.com", null)]
    [InlineData("*.shop.example.com", null)]
    [InlineData("", "host is empty")]
    [InlineData("shop.*.com", "a wildcard is only allowed as the whole first label, as in *.example.com")]
    [InlineData("**.example.com", "a wildcard is only allowed as the whole first label, as in *.example.com")]
    [InlineData("-shop.example.com", "label '-shop' must be lower-case letters, digits and '-', starting and ending with a letter or digit")]
    [InlineData("Shop.example.com", "label 'Shop' must be lower case")]
    [InlineData("shop..example.com", "label '' must be 1 to 63 characters")]
    [InlineData("shop_x.example.com", "label 'shop_x' must be lower-case letters, digits and '-', starting and ending with a letter or digit")]
    public void Validates_dns_names_with_an_optional_leading_wildcard(string host, string? problem)
    {
        Assert.Equal(problem is null, HostPattern.IsValid(host, out var actual));
        Assert.Equal(problem, actual);
    }
}
