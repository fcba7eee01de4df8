using System.Diagnostics;

namespace ComplianceScanner.Pipeline;

/// <summary>
/// The scan's traces: one <c>scan</c> span per scan and one child span per pipeline stage (<c>scan.snapshot</c>,
/// <c>scan.resolve</c>, <c>scan.evaluate</c>, <c>scan.diff</c>, <c>scan.render</c>, <c>scan.deliver</c>). Without a
/// listener (the CLI, unless an OpenTelemetry SDK is attached) starting a span costs nothing and returns null.
/// </summary>
internal static class ScanTelemetry
{
    public const string SourceName = "ComplianceScanner";

    public const string ScanSpan = "scan";

    public static readonly ActivitySource Source = new(SourceName, ScanPipeline.ScannerVersion);

    /// <summary>Starts the scan's root span, tagged with what started it and how much is recomputed.</summary>
    public static Activity? StartScan(string trigger, string mode)
    {
        var activity = Source.StartActivity(ScanSpan, ActivityKind.Internal);
        activity?.SetTag("scan.trigger", trigger);
        activity?.SetTag("scan.mode", mode);
        return activity;
    }

    /// <summary>Starts a stage span under the current scan span.</summary>
    public static Activity? Stage(string name) => Source.StartActivity("scan." + name, ActivityKind.Internal);
}
