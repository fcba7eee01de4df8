using System.Collections.Immutable;
using ComplianceScanner.Agent.Api;
using ComplianceScanner.Agent.Tests.Agent;
using ComplianceScanner.History;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ComplianceScanner.Agent.Tests.Api;

/// <summary>The page at <c>/</c> in headless Chromium (through the API with a token): no console errors or CSP violations, working links, hostile values inert.</summary>
[Collection(AgentCollection.Name)]
public sealed class HomePageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Hostile = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>";

    [SkippableFact]
    public async Task The_page_loads_in_Chromium_without_console_errors_and_its_report_links_work()
    {
        var browser = chromium.Require();
        await using var api = await ApiAgent.StartAsync();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + ApiAgent.Reader },
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                errors.Add(m.Text);
            }
        };
        page.PageError += (_, e) => errors.Add(e);

        var response = await page.GotoAsync(new Uri(api.Agent.Url, "/").ToString());
        var rows = await page.Locator("tbody tr").CountAsync();
        var json = await page.Locator("a", new PageLocatorOptions { HasText = "json" }).First.GetAttributeAsync("href");
        var report = await context.APIRequest.GetAsync(new Uri(api.Agent.Url, json!).ToString());

        Assert.Equal(200, response!.Status);
        Assert.Equal(1, rows);
        Assert.Equal(200, report.Status);
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task A_hostile_cluster_name_is_shown_as_text_and_never_runs()
    {
        var browser = chromium.Require();
        var scan = new StoredScan { Id = 7, Cluster = Hostile, StartedAt = DateTimeOffset.UnixEpoch, FinishedAt = DateTimeOffset.UnixEpoch, Complete = false };
        var result = HomePage.Render(ImmutableArray.Create(scan), hasStore: true, user: "<b>eve</b>");
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };
        http.Response.Body = new MemoryStream();
        await result.ExecuteAsync(http);
        var html = System.Text.Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray());
        var csp = http.Response.Headers.ContentSecurityPolicy.ToString();

        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };
        await page.RouteAsync("http://page.test/", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200,
            ContentType = "text/html; charset=utf-8",
            Body = html,
            Headers = new Dictionary<string, string> { ["Content-Security-Policy"] = csp },
        }));
        await page.GotoAsync("http://page.test/");

        Assert.Equal(Hostile, await page.Locator("tbody td").Nth(1).TextContentAsync());
        Assert.Contains("<b>eve</b>", await page.Locator("p.muted").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.pwned"));
        Assert.Equal(0, await page.Locator("tbody img, tbody script").CountAsync());
        Assert.Empty(errors);
        await page.CloseAsync();
    }
}
