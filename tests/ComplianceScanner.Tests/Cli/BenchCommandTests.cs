using System.Text.RegularExpressions;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Tests.Cli;

/// <summary>
/// <c>bench</c> at a tiny scale: every figure is printed, the generated cluster is scanned completely, and the
/// re-evaluation it times equals a full evaluation (a mismatch fails the command). Times are not asserted.
/// </summary>
public sealed partial class BenchCommandTests
{
    [Fact]
    public void A_tiny_benchmark_prints_every_figure_and_checks_the_re_evaluation()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run(dir.Path, "bench", "--scale", "0.01", "--runs", "1", "--dir", "cluster");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("generated scale 0.01: 100 namespaces", r.Out, StringComparison.Ordinal);
        Assert.Matches(ObjectsAndFindings(), r.Out);
        foreach (var figure in new[] { "parse only (floor)", "full scan, median of 1", "peak working set", "re-evaluation, one binding", "can-i (Authorize)", "Evaluator.Evaluate (index + rules", "ReportJson.Serialize to the file", "rule SOD-RBAC-001", "rule SOD-GW-007" })
        {
            Assert.Contains(figure, r.Out, StringComparison.Ordinal);
        }

        Assert.Contains("re-evaluation equals a full evaluation of the changed snapshot", r.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir.Path, "cluster", "scanner.yaml")), "--dir keeps the generated manifests");
    }

    [Fact]
    public void Out_of_range_arguments_are_usage_errors_without_a_stack_trace()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run(dir.Path, "bench", "--scale", "0", "--runs", "1");

        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("--scale must be in (0, 10]", r.Error, StringComparison.Ordinal);
        Assert.False(r.HasStackTrace, r.ToString());
    }

    [GeneratedRegex(@"objects loaded: +[1-9][0-9,]*; findings: [1-9][0-9,]*")]
    private static partial Regex ObjectsAndFindings();
}
