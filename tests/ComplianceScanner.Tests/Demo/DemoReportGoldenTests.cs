using ComplianceScanner.TestSupport;
using ComplianceScanner.Tests.Cli;

namespace ComplianceScanner.Tests.Demo;

/// <summary>
/// Golden files of every report format for the demo, as <c>scan</c> writes them: the second of two scans recorded in
/// a history store (so the reports carry drift and a trend), with per-team HTML files. Rewrite with UPDATE_GOLDEN=1.
/// </summary>
public sealed class DemoReportGoldenTests
{
    /// <summary>Relative to the repository root; the browser tests of ComplianceScanner.Rendering.Tests read report.json from here.</summary>
    public const string GoldenDirectory = "tests/ComplianceScanner.Tests/Demo/Golden";

    [Fact]
    public void Every_format_of_the_demo_scan_matches_its_golden_file()
    {
        using var dir = new TempDirectory();
        var store = Path.Combine(dir.Path, "history.db");
        var out1 = Path.Combine(dir.Path, "first");
        var out2 = Path.Combine(dir.Path, "second");
        var time = new FixedTimeProvider(FixedTimeProvider.DemoNow.AddDays(-1));

        var first = CliRunner.Run(RepoPaths.Root, time, "scan", "--store", store, "--out", out1, "--format", "json");
        Assert.True(first.ExitCode == 0, first.ToString());
        time.Advance(TimeSpan.FromDays(1));
        var second = CliRunner.Run(RepoPaths.Root, time, "scan", "--store", store, "--out", out2, "--format", "html,json,sarif,junit,markdown,policyreport", "--per-team");
        Assert.True(second.ExitCode == 0, second.ToString());

        var written = Directory.GetFiles(out2).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["report-team-blog.html", "report-team-payments.html", "report-team-shop.html", "report.html", "report.json", "report.junit.xml", "report.md", "report.policyreport.yaml", "report.sarif"],
            written);
        using (var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(out2, "report.json"))))
        {
            // Both recorded scans are in the trend, oldest first, and this scan's drift is against the first.
            var trend = json.RootElement.GetProperty("trend").EnumerateArray().ToList();
            Assert.Equal([1L, 2L], trend.Select(p => p.GetProperty("scanId").GetInt64()));
            Assert.Equal(json.RootElement.GetProperty("summary").GetProperty("open").GetInt32(), trend[^1].GetProperty("open").GetInt32());
            Assert.Equal(1, json.RootElement.GetProperty("drift").GetProperty("previous").GetProperty("scanId").GetInt32());
        }

        // Messages cite scanner.yaml by its absolute path; the checkout's location must not change the golden files.
        var root = RepoPaths.Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        foreach (var name in written)
        {
            var content = File.ReadAllText(Path.Combine(out2, name!)).Replace(root, "<repo>/", StringComparison.Ordinal);
            Golden.AssertMatches(content, $"{GoldenDirectory}/{name}");
        }
    }

    [Fact]
    public void Per_team_without_html_is_refused()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run(RepoPaths.Root, "scan", "--out", dir.Path, "--format", "json", "--per-team");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("--per-team", r.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
