using ComplianceScanner.Core.Layers;
using ComplianceScanner.History;
using ComplianceScanner.Rendering;
using ComplianceScanner.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ComplianceScanner.Delivery.Tests;

/// <summary>One test's world: an SMTP server, a store file in a temp directory, a fake clock, the scenario config and the bundled templates.</summary>
internal sealed class DeliveryFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset Window = new(2026, 11, 26, 7, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory temp = new();

    private DeliveryFixture(TestSmtpServer smtp, long maxAttachmentBytes)
    {
        Smtp = smtp;
        Config = DeliveryScenario.Config(smtp.Port, maxAttachmentBytes);
        StorePath = Path.Combine(temp.Path, "scanner.db");
    }

    public TestSmtpServer Smtp { get; }

    public ScannerConfig Config { get; }

    public string StorePath { get; }

    public FakeTimeProvider Time { get; } = new(Window.AddSeconds(5));

    public FixedReportSource Source { get; } = new(null);

    public static TemplateSet Templates { get; } = TemplateSet.FromDirectory(Path.Combine(AppContext.BaseDirectory, "templates"));

    public static async Task<DeliveryFixture> StartAsync(long maxAttachmentBytes = 10_485_760) =>
        new(await TestSmtpServer.StartAsync(), maxAttachmentBytes);

    /// <summary>Scans the scenario at the fake clock's time and makes it the latest report.</summary>
    public LatestReport Scan(int shopBad, int paymentsBad)
    {
        using var store = ScanStore.Open(StorePath);
        Source.Latest = DeliveryScenario.Scan(store, Config, shopBad, paymentsBad, Time.GetUtcNow());
        return Source.Latest;
    }

    /// <summary>A new service over the same store file: what a restarted agent or a second replica is.</summary>
    public ReportDeliveryService Service(Func<History.Deliveries.ReportDelivery, Task>? afterAccepted = null) => new(
        Config,
        StorePath,
        Templates,
        Source,
        new ReportDeliveryOptions { Time = Time, RetryAttempts = 1, RetryDelay = TimeSpan.Zero, AfterAccepted = afterAccepted });

    public async ValueTask DisposeAsync()
    {
        await Smtp.DisposeAsync();
        temp.Dispose();
    }
}
