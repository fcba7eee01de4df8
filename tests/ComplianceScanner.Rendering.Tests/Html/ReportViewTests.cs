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

    [Fact]
    public void From_FindingRows_MarkNewAndReopenedFindingsAndRankSeverities()
    {
        var view = ReportView.From(ReportSamples.Complete());

        var rows = view.FindingRows.ToDictionary(r => r.Finding.Id);
        Assert.Equal("new", rows["5be1a27c90d4e3f6"].Change);
        Assert.Equal("reopened", rows["a3f9c1d2e4b5a6c7"].Change);
        Assert.Equal(string.Empty, rows["0c9d8e7f6a5b4c3d"].Change);
        Assert.Equal(0, rows["a3f9c1d2e4b5a6c7"].SeverityRank);
        Assert.Equal(1, rows["5be1a27c90d4e3f6"].SeverityRank);
        Assert.True(view.HasChanges);
        Assert.False(ReportView.From(ReportSamples.Incomplete()).HasChanges);
    }

    [Fact]
    public void From_FilterLists_AreDistinctSortedAndWithoutNull()
    {
        var view = ReportView.From(ReportSamples.Complete());

        Assert.Equal(["SOD-GOV-002", "SOD-ING-001", "SOD-ING-002", "SOD-RBAC-001"], view.FilterRules.AsEnumerable());
        Assert.Equal(["payments"], view.FilterNamespaces.AsEnumerable());
        Assert.Equal(["payments"], view.FilterTeams.AsEnumerable());
    }

    [Fact]
    public void TrendChart_SpansThePlotWithTheHighestCountAtTheTop()
    {
        var chart = TrendChart.From(ReportSamples.Trend())!;

        Assert.Equal(4, chart.Max);
        Assert.Equal([TrendChart.Left, (TrendChart.Left + TrendChart.Right) / 2.0, TrendChart.Right], chart.Marks.Select(m => m.X));
        Assert.Equal(TrendChart.Top, chart.Marks[0].Y);
        Assert.Equal(TrendChart.Bottom - ((TrendChart.Bottom - TrendChart.Top) / 4.0), chart.Marks[1].Y);
        Assert.False(chart.Marks[1].Complete);
        Assert.Equal($"{TrendChart.Left},{TrendChart.Top} 344,115.5 {TrendChart.Right},46.5", chart.OpenLine);
    }

    [Fact]
    public void TrendChart_NeedsTwoScansAndNeverDividesByZero()
    {
        Assert.Null(TrendChart.From([]));
        Assert.Null(TrendChart.From([ReportSamples.Trend()[0]]));
        var clean = TrendChart.From([.. ReportSamples.Trend().Select(p => p with { Open = 0 })])!;
        Assert.All(clean.Marks, m => Assert.Equal(TrendChart.Bottom, m.Y));
    }
}
