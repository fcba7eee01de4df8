using Microsoft.Playwright;

namespace ComplianceScanner.Rendering.Tests.Browser;

/// <summary>
/// A report opened from a file in a fresh browser context, with everything that went wrong recorded: console errors,
/// uncaught page errors, Content-Security-Policy violations and dialogs (which are dismissed).
/// </summary>
internal sealed class LoadedPage : IAsyncDisposable
{
    /// <summary>Runs before the page's own script: records CSP violations, which block silently otherwise.</summary>
    private const string ViolationRecorder = """
        window.__cspViolations = [];
        document.addEventListener("securitypolicyviolation", function (e) {
          window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
        });
        """;

    private readonly IBrowserContext context;
    private readonly TempDirectory directory;

    private LoadedPage(IBrowserContext context, IPage page, TempDirectory directory)
    {
        this.context = context;
        Page = page;
        this.directory = directory;
    }

    public IPage Page { get; }

    public List<string> ConsoleErrors { get; } = [];

    public List<string> PageErrors { get; } = [];

    public List<string> Dialogs { get; } = [];

    public static async Task<LoadedPage> OpenAsync(IBrowser browser, string html, string fileName = "report.html")
    {
        var directory = new TempDirectory();
        var path = directory.Write(fileName, html);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var loaded = new LoadedPage(context, page, directory);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                loaded.ConsoleErrors.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => loaded.PageErrors.Add(error);
        page.Dialog += async (_, dialog) =>
        {
            loaded.Dialogs.Add($"{dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
        await page.AddInitScriptAsync(ViolationRecorder);
        await page.GotoAsync(new Uri(path).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return loaded;
    }

    /// <summary>CSP violations the page reported.</summary>
    public async Task<IReadOnlyList<string>> CspViolationsAsync() =>
        await Page.EvaluateAsync<string[]>("() => window.__cspViolations");

    /// <summary>Fails listing everything that went wrong, if anything did.</summary>
    public async Task AssertNoErrorsAsync()
    {
        var problems = ConsoleErrors.Concat(PageErrors.Select(e => "page error: " + e))
            .Concat((await CspViolationsAsync()).Select(v => "CSP violation: " + v))
            .Concat(Dialogs.Select(d => "dialog: " + d))
            .ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    public async ValueTask DisposeAsync()
    {
        await context.CloseAsync();
        directory.Dispose();
    }
}
