using Microsoft.Extensions.Logging;

namespace ComplianceScanner.Agent;

/// <summary>The agent's log messages, source-generated: structured fields, no formatting cost when the level is off.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(1, LogLevel.Information, "Agent {Identity} listening on {Urls}; cluster {Server}; leader election {Election}")]
    public static partial void Started(ILogger logger, string identity, string urls, string server, string election);

    [LoggerMessage(2, LogLevel.Information, "{Identity} started leading (Lease {LeaseNamespace}/{LeaseName})")]
    public static partial void StartedLeading(ILogger logger, string identity, string leaseNamespace, string leaseName);

    [LoggerMessage(3, LogLevel.Warning, "{Identity} stopped leading; scans stop until it leads again")]
    public static partial void StoppedLeading(ILogger logger, string identity);

    [LoggerMessage(4, LogLevel.Information, "Observed leader {Leader}")]
    public static partial void NewLeader(ILogger logger, string leader);

    [LoggerMessage(5, LogLevel.Warning, "Leader election: {Message}")]
    public static partial void ElectionError(ILogger logger, string message);

    [LoggerMessage(10, LogLevel.Information, "Scan {Sequence} ({Trigger}, {Mode}) finished in {DurationMs} ms: {Findings} findings, {Open} open, complete={Complete}, {Changes} changes")]
    public static partial void ScanFinished(ILogger logger, int sequence, string trigger, string mode, long durationMs, int findings, int open, bool complete, int changes);

    [LoggerMessage(11, LogLevel.Warning, "Scan {Sequence} is incomplete: {Missing}")]
    public static partial void ScanIncomplete(ILogger logger, int sequence, string missing);

    [LoggerMessage(12, LogLevel.Warning, "Scan ({Trigger}) abandoned before it was recorded: {Reason}")]
    public static partial void ScanAbandoned(ILogger logger, string trigger, string reason);

    [LoggerMessage(13, LogLevel.Error, "Scan ({Trigger}) failed")]
    public static partial void ScanFailed(ILogger logger, string trigger, Exception exception);

    [LoggerMessage(14, LogLevel.Error, "In-cluster exception entry not applied: {Problem}")]
    public static partial void InputError(ILogger logger, string problem);

    [LoggerMessage(15, LogLevel.Information, "Recorded scan {ScanId} in {Store}")]
    public static partial void Recorded(ILogger logger, long scanId, string store);

    [LoggerMessage(20, LogLevel.Error, "Post-scan handler {Handler} failed")]
    public static partial void HandlerFailed(ILogger logger, string handler, Exception exception);

    [LoggerMessage(21, LogLevel.Information, "Scheduled {Work}: {Handlers} handler(s)")]
    public static partial void ScheduledWork(ILogger logger, string work, int handlers);

    [LoggerMessage(22, LogLevel.Information, "Scheduled {Work} skipped: no scan has finished yet")]
    public static partial void ScheduledWorkSkipped(ILogger logger, string work);

    [LoggerMessage(30, LogLevel.Error, "Reading the cluster failed; retrying in {DelaySeconds} s")]
    public static partial void ReadFailed(ILogger logger, double delaySeconds, Exception exception);

    [LoggerMessage(31, LogLevel.Debug, "Rescan of {Changes} change(s) in {Sets} signal(s): {Mode}")]
    public static partial void Rescan(ILogger logger, int changes, int sets, string mode);

    [LoggerMessage(40, LogLevel.Information, "Alerts for scan {ScanId}: {Summary}")]
    public static partial void AlertsDelivered(ILogger logger, long scanId, string summary);

    [LoggerMessage(41, LogLevel.Warning, "Alert redelivery: {Summary}")]
    public static partial void AlertsRedelivered(ILogger logger, string summary);

    [LoggerMessage(42, LogLevel.Information, "Evidence bundle {File} written for scan {ScanId}{KeyNote}; {Removed} old bundles removed")]
    public static partial void BundleWritten(ILogger logger, string file, long scanId, string keyNote, int removed);

    [LoggerMessage(43, LogLevel.Warning, "Evidence bundles are scheduled but no history store is configured: nothing to bundle")]
    public static partial void BundlesWithoutStore(ILogger logger);

    [LoggerMessage(44, LogLevel.Information, "PolicyReports for scan {Sequence}: {Created} created, {Updated} updated, {Deleted} deleted")]
    public static partial void PolicyReportsPublished(ILogger logger, int sequence, int created, int updated, int deleted);

    [LoggerMessage(45, LogLevel.Information, "Report schedule {Schedule}, window {Window}: {Result}")]
    public static partial void ReportsDelivered(ILogger logger, string schedule, DateTimeOffset window, string result);
}
