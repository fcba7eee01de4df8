using Microsoft.Playwright;

namespace ComplianceScanner.Agent.Tests.Api;

/// <summary>
/// One headless Chromium: Debian's <c>chromium</c> at <see cref="ExecutablePath"/> (installed by .ci/run), driven by
/// Playwright, which never downloads a browser here. When Chromium is missing, <see cref="Require"/> skips the test
/// (or fails it under CI=true).
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser? Browser { get; private set; }

    public string? Unavailable { get; private set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            Unavailable = $"{ExecutablePath} not found (Debian package chromium; .ci/run installs it)";
            return;
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Timeout = 120_000,

            // Root in CI containers cannot use Chromium's sandbox; the page is our own.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>The browser, or skips ([SkippableFact]) / fails under CI=true when Chromium is not installed.</summary>
    public IBrowser Require()
    {
        if (Browser is { } browser)
        {
            return browser;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"CI=true but the browser tests cannot run: {Unavailable}.");
        }

        Skip.If(true, $"browser tests skipped: {Unavailable}. They fail under CI=true.");
        return null!;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
    }
}
