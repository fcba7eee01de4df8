using System.Text;
using System.Text.RegularExpressions;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Configuration.Tests;

/// <summary>
/// Keeps docs/configuration.md true: its built-in duty table is generated from <see cref="BuiltinDuties"/> and its
/// error-output example is what the loader prints for the example config. UPDATE_GOLDEN=1 rewrites both sections.
/// </summary>
public sealed partial class ConfigurationDocTests
{
    private static readonly string DocPath = RepoPaths.At("docs", "configuration.md");

    private static bool Update => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    [Fact]
    public void Builtin_duty_table_matches_BuiltinDuties()
    {
        var expected = RenderBuiltinDuties();

        var actual = Section("builtin-duties", expected);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Error_example_is_what_the_loader_prints()
    {
        var doc = File.ReadAllText(DocPath);
        var yaml = ExampleYaml().Match(doc);
        Assert.True(yaml.Success, "docs/configuration.md needs the error-example-config section with a yaml block");
        var result = ConfigLoader.LoadText(yaml.Groups[1].Value, "scanner.yaml", new DateOnly(2026, 6, 1), "/work");
        var expected = "```text\n" + string.Join('\n', result.Diagnostics.Select(d => d.ToString())) + "\n```\n";

        var actual = Section("error-example-output", expected);

        Assert.Equal(expected, actual);
        Assert.True(result.Diagnostics.Length >= 6);
    }

    [Fact]
    public void Every_diagnostic_code_is_documented()
    {
        var doc = File.ReadAllText(DocPath);
        var codes = typeof(ConfigDiagnosticCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToList();

        Assert.All(codes, code => Assert.Contains($"`{code}`", doc, StringComparison.Ordinal));
    }

    private static string RenderBuiltinDuties()
    {
        var sb = new StringBuilder("| Duty | What it covers | Rules |\n|---|---|---|\n");
        foreach (var duty in BuiltinDuties.All.Values)
        {
            sb.Append($"| `{duty.Name}` | {duty.Description} | {string.Join("<br>", duty.Rules.Select(r => $"`{r}`"))} |\n");
        }

        return sb.ToString();
    }

    /// <summary>The text between the section's markers; rewritten to <paramref name="expected"/> when updating.</summary>
    private static string Section(string name, string expected)
    {
        var doc = File.ReadAllText(DocPath);
        var begin = $"<!-- {name}:begin -->\n";
        var end = $"<!-- {name}:end -->";
        var start = doc.IndexOf(begin, StringComparison.Ordinal);
        var stop = doc.IndexOf(end, StringComparison.Ordinal);
        Assert.True(start >= 0 && stop > start, $"docs/configuration.md needs the markers {begin.Trim()} and {end}");
        start += begin.Length;
        if (Update)
        {
            File.WriteAllText(DocPath, doc[..start] + expected + doc[stop..]);
            return expected;
        }

        return doc[start..stop];
    }

    [GeneratedRegex(@"<!-- error-example-config:begin -->\n```yaml\n(.*?)```\n<!-- error-example-config:end -->", RegexOptions.Singleline)]
    private static partial Regex ExampleYaml();
}
