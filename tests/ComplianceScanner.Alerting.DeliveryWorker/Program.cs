using System.Globalization;
using ComplianceScanner.Alerting;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Rendering;

// Usage: DeliveryWorker DB TEMPLATES SINK URL_ENV
// Delivers the pending alerts of webhook sink SINK (one message per finding, URL from the environment variable
// URL_ENV) until none is left, printing "delivered <n>" after each run, so the parent can kill it mid-delivery.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: DeliveryWorker DB TEMPLATES SINK URL_ENV");
    return 2;
}

var settings = new AlertSettings
{
    Sinks =
    [
        new AlertSinkSettings
        {
            Name = args[2],
            Type = AlertSinkType.Webhook,
            UrlEnv = args[3],
            GroupPerScan = false,
            Notify = AlertNotify.New | AlertNotify.Reopened | AlertNotify.Resolved,
        },
    ],
};
using var http = new HttpClient();
var dispatcher = new AlertDispatcher(
    settings,
    TemplateSet.FromDirectory(args[1]),
    args[0],
    http,
    TimeProvider.System,
    new AlertDispatcherOptions { RetriesPerRun = 1, RetryDelay = TimeSpan.FromMilliseconds(50), AttemptTimeout = TimeSpan.FromSeconds(1), BackoffBase = TimeSpan.Zero, MaxMessagesPerRun = 5 });
Console.Out.WriteLine("open");
Console.Out.Flush();

// Messages a killed predecessor had claimed are due again only when its claim runs out (a few seconds): wait for them.
var deadline = TimeProvider.System.GetUtcNow().AddMinutes(2);
while (dispatcher.PendingCount() > 0 && TimeProvider.System.GetUtcNow() < deadline)
{
    var result = await dispatcher.DeliverPendingAsync();
    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"delivered {result.Alerts}"));
    Console.Out.Flush();
    if (result.Alerts == 0)
    {
        await Task.Delay(200);
    }
}

return dispatcher.PendingCount() == 0 ? 0 : 1;
