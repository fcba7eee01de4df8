using System.Net;
using System.Security.Cryptography;
using System.Text;
using ComplianceScanner.Agent.Api;
using ComplianceScanner.Agent.Tests.Agent;
using ComplianceScanner.Cli;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Agent.Tests.Api;

/// <summary>Tokens from <c>agent.api.tokensFile</c>: hashed and plain entries, errors by file and line, and the API in tokens mode (the section's binding is in AgentSectionTests).</summary>
[Collection(AgentCollection.Name)]
public sealed class ApiTokensTests
{
    private const string Plain = "plain-token-abcdef0123456789";
    private const string Hashed = "hashed-token-abcdef0123456789";

    private static string HashLine(string token, string name) => $"sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))}  {name}";

    [Fact]
    public void Hashed_and_plain_entries_authenticate_as_their_names_and_other_tokens_do_not()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "tokens");
        File.WriteAllText(path, $"# auditors\n{HashLine(Hashed, "auditor")}\n\n{Plain}\tci\n");

        var tokens = ApiTokens.Load(path);

        Assert.Equal(2, tokens.Count);
        Assert.Equal("auditor", tokens.Authenticate(Hashed));
        Assert.Equal("ci", tokens.Authenticate(Plain));
        Assert.Null(tokens.Authenticate(Hashed + "x"));
        Assert.Null(tokens.Authenticate(HashLine(Hashed, "auditor").Split(' ')[0]));
    }

    [Theory]
    [InlineData("sha256:abc  short", ":1: 'sha256:' must be followed by 64 hex digits")]
    [InlineData("# only a comment\nshort  name", ":2: token of 5 characters is too short")]
    [InlineData("plain-token-abcdef0123456789 name extra", ":1: expected 'sha256:<hex> name'")]
    [InlineData("# nothing\n", "holds no tokens")]
    public void A_malformed_tokens_file_is_refused_naming_the_file_and_line(string content, string expected)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "tokens");
        File.WriteAllText(path, content);

        var error = Assert.Throws<UserInputException>(() => ApiTokens.Load(path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_tokens_mode_a_listed_token_is_200_others_401_and_the_cluster_is_not_asked()
    {
        await using var api = await ApiAgent.StartAsync(
            "{authMode: tokens, tokensFile: tokens.txt}",
            dir => File.WriteAllText(Path.Combine(dir.Path, "tokens.txt"), HashLine(Hashed, "auditor") + "\n"));

        var allowed = await api.GetAsync("/api/v1/scans", Hashed);
        var clusterToken = await api.GetAsync("/api/v1/scans", ApiAgent.Reader);
        var none = await api.GetAsync("/api/v1/scans", null);

        Assert.Equal(HttpStatusCode.OK, allowed.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, clusterToken.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, none.Status);
        Assert.DoesNotContain(api.Server.Requests, r => r.Path.Contains("tokenreviews", StringComparison.Ordinal));
    }
}
