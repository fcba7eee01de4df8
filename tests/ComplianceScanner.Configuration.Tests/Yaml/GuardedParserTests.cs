using System.Text;

namespace ComplianceScanner.Configuration.Tests.Yaml;

public sealed class GuardedParserTests
{
    [Fact]
    public void Alias_bomb_is_stopped_with_a_clear_error()
    {
        var sb = new StringBuilder(ConfigText.Header).Append("x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 9; i++)
        {
            sb.Append($"x{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        var result = ConfigText.Load(sb.ToString());

        Seq.Equal(
            ["scanner.yaml:7:45: error: x4[7]: the document expands to more than 100000 nodes once aliases are resolved (an alias bomb?); write the config without repeated aliases."],
            ConfigText.Messages(result));
        Assert.Equal(ConfigDiagnosticCodes.YamlTooLarge, result.Diagnostics[0].Code);
    }

    [Fact]
    public void Very_deep_nesting_is_stopped_before_it_can_overflow_the_stack()
    {
        var result = ConfigText.Load(ConfigText.Header + "layers: " + new string('[', 200_000) + "\n");

        Seq.Equal(
            ["scanner.yaml:3:72: error: layers[0][0][0][0][0][0][0]...: the document nests deeper than 64 levels; a scanner.yaml needs about 7."],
            ConfigText.Messages(result));
        Assert.Equal(ConfigDiagnosticCodes.YamlTooDeep, result.Diagnostics[0].Code);
    }

    [Fact]
    public void Alias_inside_its_own_anchor_is_rejected()
    {
        var messages = ConfigText.Diagnose("layers: &l {cluster: *l}\n");

        Seq.Equal(["scanner.yaml:3:22: error: layers.cluster: alias *l refers to a node that contains it; recursive structures are not allowed."], messages);
    }

    [Fact]
    public void Alias_to_an_undefined_anchor_is_a_syntax_error_at_the_alias()
    {
        var messages = ConfigText.Diagnose("layers:\n  cluster: *nope\n");

        Seq.Equal(["scanner.yaml:4:12: error: layers.cluster: alias *nope refers to an anchor &nope that is not defined before it."], messages);
    }

    [Fact]
    public void Reasonable_aliases_are_expanded()
    {
        var config = ConfigText.Valid("""
            layers:
              namespace:
                teams:
                - {name: shop, namespaces: [shop], duties: &team-duties [route-editing, tls-management]}
                - {name: blog, namespaces: [blog], duties: *team-duties}
            """);

        Seq.Equal(["route-editing", "tls-management"], config.Teams[1].Duties);
    }

    [Fact]
    public void Every_duplicate_key_is_reported_and_the_rest_of_the_file_is_still_checked()
    {
        var messages = ConfigText.Diagnose("""
            cluster:
              name: a
              name: b
            cluster: {name: c}
            source: {path: x, paht: y}
            """);

        Seq.Equal(
            [
                "scanner.yaml:5:3: error: cluster.name: duplicate key \"name\": it is already set at line 4, column 3. Hint: keep one of the two.",
                "scanner.yaml:6:1: error: cluster: duplicate key \"cluster\": it is already set at line 3, column 1. Hint: keep one of the two.",
                "scanner.yaml:7:19: error: source.paht: unknown field \"paht\". Hint: did you mean \"path\"?",
            ],
            messages);
    }
}
