using ComplianceScanner.Rendering.Html;

namespace ComplianceScanner.Rendering.Tests.Html;

public class TeamReportTests
{
    [Fact]
    public void Team_report_keeps_only_the_teams_findings_matrix_rows_exceptions_and_drift()
    {
        var report = ReportSamples.Complete();

        var payments = TeamReport.For(report, "payments");

        Assert.Equal(["5be1a27c90d4e3f6", "0c9d8e7f6a5b4c3d"], payments.Findings.Select(f => f.Id));
        Assert.All(payments.Findings, f => Assert.Equal("payments", f.Team));
        Assert.Equal(["payments"], payments.Teams.Select(t => t.Name));
        Assert.All(payments.Matrix, r => Assert.Equal("payments", r.Team));
        Assert.Equal(payments.Findings.Count(f => f.State == "open"), payments.Summary.Open);
        Assert.Equal(payments.Findings.Length, payments.Summary.Total);
        Assert.Equal(report.Summary.BySeverity.Select(c => c.Name), payments.Summary.BySeverity.Select(c => c.Name));
        Assert.All(payments.Exceptions, e => Assert.True(e.Matched > 0));
        Assert.Empty(payments.Trend);
        var drift = payments.Drift!;
        Assert.Equal(["5be1a27c90d4e3f6"], drift.New.Select(f => f.Id));
        Assert.Empty(drift.Reopened);
        Assert.Empty(drift.Resolved);
        Assert.All(drift.ObjectChanges, c => Assert.Equal("payments", c.Object.Namespace));
        Assert.Empty(drift.PermissionChanges);
        Assert.Equal(report.Incomplete, payments.Incomplete);
        Assert.Equal(report.Rules, payments.Rules);
    }

    [Fact]
    public void Team_without_findings_gets_a_clean_report_of_its_own()
    {
        var shop = TeamReport.For(ReportSamples.Complete(), "shop");

        Assert.Empty(shop.Findings);
        Assert.Equal(0, shop.Summary.Open);
        Assert.Equal("none", shop.Summary.WorstSeverity);
        Assert.Empty(shop.Exceptions);
    }

    [Fact]
    public void Unknown_team_is_refused_naming_the_teams()
    {
        var error = Assert.Throws<ArgumentException>(() => TeamReport.For(ReportSamples.Complete(), "nobody"));

        Assert.Contains("payments, shop", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("payments", "report-team-payments.html")]
    [InlineData("Team A/B", "report-team-Team_A_B.html")]
    [InlineData("../etc", "report-team-_etc.html")]
    [InlineData("..", "report-team-_.html")]
    [InlineData("zürich", "report-team-z_rich.html")]
    public void File_name_is_safe_on_every_file_system(string team, string expected) =>
        Assert.Equal(expected, TeamReport.FileName(team));
}
