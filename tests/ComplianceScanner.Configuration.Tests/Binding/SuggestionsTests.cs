using ComplianceScanner.Configuration.Binding;

namespace ComplianceScanner.Configuration.Tests.Binding;

public sealed class SuggestionsTests
{
    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    [InlineData("namespace", "namespaces", 1)]
    public void Distance_is_levenshtein(string a, string b, int expected) => Assert.Equal(expected, Suggestions.Distance(a, b));

    [Theory]
    [InlineData("requireTLS", "requireTls")]
    [InlineData("namespace", "namespaces")]
    [InlineData("subject", "subjects")]
    [InlineData("hostz", "hosts")]
    [InlineData("zzzzzz", null)]
    public void Closest_ignores_case_and_gives_up_when_too_far(string word, string? expected) =>
        Assert.Equal(expected, Suggestions.Closest(word, ["name", "subjects", "namespaces", "hosts", "requireTls"]));
}
