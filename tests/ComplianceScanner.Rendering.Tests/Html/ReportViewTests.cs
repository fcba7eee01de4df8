using ComplianceScanner.Core.Reporting;
using ComplianceScanner.Rendering.Html;

namespace ComplianceScanner.Rendering.Tests.Html;

public class ReportViewTests
{
    [Fact]
    public void From_Bars_AreScaledToTheLargestCount()
    {
        var report = ReportSamples.Complete() with
        {
            Summary = ReportSamples.Complete().Summary with { BySeverity = [new("critical", 3), new("high", 1), new("medium", 0), new("low", 2), new("info", 0)] },
        };

        var view = ReportView.From(report);

        Assert.Equal([100, 33, 0, 67, 0], view.SeverityBars.Select(b => b.Percent));
    }

    [Fact]
    public void From_AllZeroCounts_GiveEmptyBars()
    {
        var report = ReportSamples.Complete() with { Summary = new ReportSummary { ByLayer = [new("cluster", 0)] } };

        Assert.Equal(0, ReportView.From(report).LayerBars[0].Percent);
    }

    [Fact]
    public void From_Teams_ResolveTheirFindingIdsAndCountOpen()
    {
        var view = ReportView.From(ReportSamples.Complete());

        Assert.Equal(["5be1a27c90d4e3f6", "0c9d8e7f6a5b4c3d"], view.Teams[0].Findings.Select(f => f.Id));
        Assert.Equal(1, view.Teams[0].Open);
        Assert.Empty(view.Teams[1].Findings);
        Assert.Equal(["a3f9c1d2e4b5a6c7", "e1d2c3b4a5968778"], view.UnassignedFindings.Select(f => f.Id));
    }

    [Fact]
    public void From_Exceptions_AreCountedPerStatus()
    {
        var view = ReportView.From(ReportSamples.Complete());

        Assert.Equal([new ReportCount("active", 1), new ReportCount("expired", 1), new ReportCount("stale", 1)], view.ExceptionsByStatus.ToArray());
    }

    [Theory]
    [InlineData(4.2, "4.2 s")]
    [InlineData(127, "2 min 7 s")]
    [InlineData(-1, "unknown")]
    public void From_Duration_IsFormattedForPeople(double seconds, string expected)
    {
        var report = ReportSamples.Complete();
        report = report with { Scan = report.Scan with { FinishedAt = report.Scan.StartedAt.AddSeconds(seconds) } };

        Assert.Equal(expected, ReportView.From(report).Duration);
    }

    [Fact]
    public void From_Clean_OnlyForCompleteScanWithoutOpenFindings()
    {
        var complete = ReportSamples.Complete();

        Assert.False(ReportView.From(complete).Clean);
        Assert.True(ReportView.From(complete with { Summary = complete.Summary with { Open = 0 } }).Clean);
        Assert.False(ReportView.From(ReportSamples.Incomplete() with { Summary = complete.Summary with { Open = 0 } }).Clean);
    }
}
