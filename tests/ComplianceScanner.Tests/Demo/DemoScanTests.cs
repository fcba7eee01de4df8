using System.Text.Json;
using ComplianceScanner.TestSupport;
using ComplianceScanner.Tests.Cli;

namespace ComplianceScanner.Tests.Demo;

/// <summary>
/// The README's first command: scanning the demo finds exactly the planted violations listed in the expected-*.tsv
/// files of this folder (every one, and nothing else: no finding on the controls, of any rule).
/// </summary>
public sealed class DemoScanTests
{
    [Fact]
    public void Demo_scan_reports_exactly_the_planted_violations()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run(RepoPaths.Root, "scan", "--out", dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(File.Exists(Path.Combine(dir.Path, "report.html")));
        AssertMatchesExpected(Path.Combine(dir.Path, "report.json"));
    }

    [Fact]
    public void Without_a_scanner_yaml_the_bundled_demo_is_scanned_with_the_same_result()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run(dir.Path, "scan");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("bundled demo", r.Error, StringComparison.Ordinal);
        AssertMatchesExpected(Path.Combine(dir.Path, "out", "report.json"));
    }

    private static void AssertMatchesExpected(string reportPath)
    {
        var expected = Directory.GetFiles(RepoPaths.At("tests", "ComplianceScanner.Tests", "Demo"), "expected-*.tsv")
            .SelectMany(File.ReadAllLines)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(p => Line(p[0], p[1], p[2], p.Length > 3 ? p[3] : "open"))
            .Order(StringComparer.Ordinal)
            .ToList();
        using var json = JsonDocument.Parse(File.ReadAllText(reportPath));
        Assert.False(json.RootElement.GetProperty("incomplete").GetBoolean());
        var actual = json.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => Line(f.GetProperty("ruleId").GetString()!, ObjectText(f), Key(f), f.GetProperty("state").GetString()!))
            .Order(StringComparer.Ordinal)
            .ToList();
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(
            missing.Count == 0 && extra.Count == 0,
            $"missing (planted but not found):\n  {string.Join("\n  ", missing)}\nextra (false alarms):\n  {string.Join("\n  ", extra)}");
        Assert.Equal(expected, actual);
    }

    private static string Line(string rule, string obj, string key, string state) =>
        $"{rule}\t{obj}\t{(key.Length == 0 ? "-" : key)}\t{state}";

    private static string Key(JsonElement f) => f.TryGetProperty("key", out var k) ? k.GetString() ?? string.Empty : string.Empty;

    private static string ObjectText(JsonElement f)
    {
        if (!f.TryGetProperty("object", out var o) || o.ValueKind == JsonValueKind.Null)
        {
            return "-";
        }

        var ns = o.TryGetProperty("namespace", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() + "/" : string.Empty;
        return $"{o.GetProperty("kind").GetString()}/{ns}{o.GetProperty("name").GetString()}";
    }
}
