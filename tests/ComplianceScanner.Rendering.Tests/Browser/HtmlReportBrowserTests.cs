using ComplianceScanner.Core.Reporting;
using ComplianceScanner.TestSupport;
using Microsoft.Playwright;

namespace ComplianceScanner.Rendering.Tests.Browser;

/// <summary>
/// The HTML report in headless Chromium: it loads without console errors, page errors or CSP violations, its filters
/// and sorting work, hostile cluster strings stay text, and a team's file holds only that team's findings.
/// The demo report is the golden report.json of the demo scan, rendered with the current templates.
/// </summary>
public sealed class HtmlReportBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly Lazy<HtmlReportRenderer> Renderer = new(() => new HtmlReportRenderer(TemplateSet.FromDirectory(RepoPaths.At("templates"))));

    private static readonly Lazy<ScanReport> Demo = new(() =>
        ReportJson.Deserialize(File.ReadAllText(RepoPaths.At("tests", "ComplianceScanner.Tests", "Demo", "Golden", "report.json"))));

    [SkippableFact]
    public async Task Demo_report_loads_without_console_errors_page_errors_or_csp_violations()
    {
        var browser = chromium.Require();
        await using var loaded = await LoadedPage.OpenAsync(browser, Renderer.Value.Render(Demo.Value));

        await loaded.AssertNoErrorsAsync();
        Assert.True(await loaded.Page.Locator("#filters").IsVisibleAsync(), "the filter bar appears when the script runs");
        Assert.Equal($"{Demo.Value.Findings.Length} of {Demo.Value.Findings.Length} findings shown", await loaded.Page.Locator("#filter-count").TextContentAsync());
        Assert.Equal(1, await loaded.Page.Locator("svg.trend").CountAsync());
        Assert.True(await loaded.Page.Locator("svg.bar").CountAsync() >= 9, "severity and layer charts are drawn");
    }

    [SkippableFact]
    public async Task Severity_filter_shows_only_rows_of_the_chosen_severity()
    {
        var browser = chromium.Require();
        await using var loaded = await LoadedPage.OpenAsync(browser, Renderer.Value.Render(Demo.Value));
        var page = loaded.Page;

        foreach (var severity in new[] { "critical", "medium", "low", "info" })
        {
            await page.Locator($"#filters input[name=severity][value={severity}]").UncheckAsync();
        }

        var visible = await VisibleAsync(page, "data-severity");
        var high = Demo.Value.Findings.Count(f => f.Severity == "high");
        Assert.True(high > 0, "the demo has high findings");
        Assert.Equal(high, visible.Count);
        Assert.All(visible, s => Assert.Equal("high", s));
        Assert.Equal($"{high} of {Demo.Value.Findings.Length} findings shown", await page.Locator("#filter-count").TextContentAsync());
        await loaded.AssertNoErrorsAsync();
    }

    [SkippableFact]
    public async Task Text_state_rule_and_team_filters_combine_and_reset_restores_every_row()
    {
        var browser = chromium.Require();
        await using var loaded = await LoadedPage.OpenAsync(browser, Renderer.Value.Render(Demo.Value));
        var page = loaded.Page;
        var report = Demo.Value;
        var team = report.Findings.First(f => f.Team is not null).Team!;

        await page.Locator("#filter-team").SelectOptionAsync(team);
        Assert.Equal(report.Findings.Count(f => f.Team == team), (await VisibleAsync(page, "data-team")).Count);
        Assert.All(await VisibleAsync(page, "data-team"), t => Assert.Equal(team, t));

        await page.Locator("#filter-state").SelectOptionAsync("open");
        Assert.Equal(report.Findings.Count(f => f.Team == team && f.State == "open"), (await VisibleAsync(page, "data-state")).Count);

        await page.Locator("#filter-reset").ClickAsync();
        Assert.Equal(report.Findings.Length, (await VisibleAsync(page, "data-state")).Count);

        var rule = report.Findings.GroupBy(f => f.RuleId).OrderByDescending(g => g.Count()).First().Key;
        await page.Locator("#filter-rule").SelectOptionAsync(rule);
        Assert.All(await VisibleAsync(page, "data-rule"), r => Assert.Equal(rule, r));
        await page.Locator("#filter-reset").ClickAsync();

        var name = report.Findings.First(f => f.Object is not null).Object!.Name;
        await page.Locator("#filter-text").FillAsync(name.ToUpperInvariant());
        var texts = await page.Locator("tr.finding:not([hidden])").AllTextContentsAsync();
        Assert.NotEmpty(texts);
        Assert.All(texts, t => Assert.Contains(name, t, StringComparison.OrdinalIgnoreCase));
        Assert.True(texts.Count < report.Findings.Length, "the text filter hides rows that do not mention it");
        await loaded.AssertNoErrorsAsync();
    }

    [SkippableFact]
    public async Task Headers_sort_by_severity_and_rule_in_both_directions()
    {
        var browser = chromium.Require();
        await using var loaded = await LoadedPage.OpenAsync(browser, Renderer.Value.Render(Demo.Value));
        var page = loaded.Page;

        await page.Locator("th[data-sort=rule] button").ClickAsync();
        var rules = await AllAsync(page, "data-rule");
        Assert.Equal(rules.Order(StringComparer.Ordinal), rules);
        Assert.Equal("ascending", await page.Locator("th[data-sort=rule]").GetAttributeAsync("aria-sort"));

        await page.Locator("th[data-sort=rule] button").ClickAsync();
        rules = await AllAsync(page, "data-rule");
        Assert.Equal(rules.OrderDescending(StringComparer.Ordinal), rules);

        await page.Locator("th[data-sort=severity] button").ClickAsync();
        var ranks = (await AllAsync(page, "data-rank")).Select(int.Parse).ToList();
        Assert.Equal(ranks.Order(), ranks);
        Assert.NotEqual(ranks.Min(), ranks.Max());

        await page.Locator("#sort-by").SelectOptionAsync("team");
        var teams = (await AllAsync(page, "data-team")).Select(t => t.Length == 0 ? "\uffff" : t).ToList();
        Assert.Equal(teams.Order(StringComparer.Ordinal), teams);
        await loaded.AssertNoErrorsAsync();
    }

    [SkippableFact]
    public async Task Hostile_names_and_annotations_render_as_text_and_run_nothing()
    {
        var browser = chromium.Require();
        string[] payloads =
        [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(2)>",
            "<svg onload=alert(3)><animate onbegin=alert(4) attributeName=x dur=1s>",
            "\"><svg><script>alert(5)</script></svg>",
            "javascript:alert(6)",
        ];
        var payload = string.Concat(payloads);
        await using var loaded = await LoadedPage.OpenAsync(browser, Renderer.Value.Render(ReportSamples.Hostile(payload)));
        var page = loaded.Page;

        // Give anything that could fire (onerror of a broken image, SVG animation) the chance to.
        await page.WaitForTimeoutAsync(500);
        Assert.Empty(loaded.Dialogs);
        Assert.Empty(loaded.PageErrors);
        Assert.Empty(await loaded.CspViolationsAsync());
        Assert.Equal(1, await page.Locator("script").CountAsync());
        Assert.Equal(0, await page.Locator("img, animate, iframe, object, embed").CountAsync());
        Assert.Equal(0, await page.Locator("[onerror], [onload], [onbegin]").CountAsync());
        Assert.Equal(0, await page.Locator("svg script").CountAsync());
        var row = await page.Locator("tr.finding").First.InnerTextAsync();
        foreach (var p in payloads)
        {
            Assert.Contains(p, row, StringComparison.Ordinal);
        }

        Assert.Contains(payload, await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal(payload, await page.Locator("tr.finding").First.GetAttributeAsync("data-namespace"));

        // Links built from report data resolve as the browser would follow them: never to a javascript: URL.
        var protocols = await page.Locator("a[href]").EvaluateAllAsync<string[]>("as => as.map(a => a.protocol)");
        Assert.NotEmpty(protocols);
        Assert.All(protocols, p => Assert.Contains(p, new[] { "file:", "http:", "https:", "mailto:" }));
    }

    [SkippableFact]
    public async Task Team_file_holds_only_that_teams_findings()
    {
        var browser = chromium.Require();
        var report = Demo.Value;
        var team = report.Teams.First(t => t.FindingIds.Length > 0 && t.FindingIds.Length < report.Findings.Length);
        await using var loaded = await LoadedPage.OpenAsync(browser, Renderer.Value.RenderTeam(report, team.Name), ComplianceScanner.Rendering.Html.TeamReport.FileName(team.Name));
        var page = loaded.Page;

        await loaded.AssertNoErrorsAsync();
        var teams = await AllAsync(page, "data-team");
        Assert.Equal(team.FindingIds.Length, teams.Count);
        Assert.All(teams, t => Assert.Equal(team.Name, t));
        var ids = await page.Locator("tr.finding").EvaluateAllAsync<string[]>("rows => rows.map(r => r.id.substring('finding-'.length))");
        Assert.Equal(team.FindingIds.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.Equal(1, await page.Locator("article.team").CountAsync());
        var others = report.Teams.Where(t => t.Name != team.Name).Select(t => t.Name).ToList();
        var options = await page.Locator("#filter-team option").AllTextContentsAsync();
        Assert.DoesNotContain(options, o => others.Contains(o));
        Assert.Contains($"team {team.Name}", await page.TitleAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Print_layout_hides_the_filters_and_opens_every_finding()
    {
        var browser = chromium.Require();
        await using var loaded = await LoadedPage.OpenAsync(browser, Renderer.Value.Render(Demo.Value));
        var page = loaded.Page;

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.Locator("#filters").IsVisibleAsync());
        Assert.False(await page.Locator("nav.toc").IsVisibleAsync());
        await page.EvaluateAsync("() => window.dispatchEvent(new Event('beforeprint'))");
        Assert.Equal(0, await page.Locator("details:not([open])").CountAsync());
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4" });
        Assert.True(pdf.Length > 10_000, "printing to PDF produces a document");
        await loaded.AssertNoErrorsAsync();
    }

    private static async Task<List<string>> VisibleAsync(IPage page, string attribute) =>
        [.. await page.Locator("tr.finding:not([hidden])").EvaluateAllAsync<string[]>($"rows => rows.map(r => r.getAttribute('{attribute}'))")];

    private static async Task<List<string>> AllAsync(IPage page, string attribute) =>
        [.. await page.Locator("tr.finding").EvaluateAllAsync<string[]>($"rows => rows.map(r => r.getAttribute('{attribute}'))")];
}
