using System.CommandLine;
using System.Globalization;
using ComplianceScanner.Delivery;
using ComplianceScanner.History;
using ComplianceScanner.Pipeline;
using ComplianceScanner.Rendering;

namespace ComplianceScanner.Cli;

/// <summary><c>report send</c>: e-mail a schedule's reports for one window from the latest scan in the history store.</summary>
internal static class ReportCommand
{
    public static Command Create(CliEnvironment env)
    {
        var report = new Command("report", "Scheduled e-mail reports (reports: in scanner.yaml).");
        report.Subcommands.Add(Send(env));
        return report;
    }

    private static Command Send(CliEnvironment env)
    {
        var schedule = new Option<string>("--schedule") { Description = "The schedule (reports.schedules[].name) to send.", Required = true, HelpName = "NAME" };
        var store = StoreOption.Create();
        var config = CommonOptions.Config();
        var window = new Option<string?>("--window")
        {
            Description = "The window's start (ISO 8601, e.g. 2026-11-26T07:00:00Z). Default: the schedule's latest cron fire time. A window is sent once; sending it again does nothing.",
            HelpName = "ISO8601",
        };
        var templates = new Option<string?>("--templates") { Description = "Directory of Scriban templates overriding the bundled ones." };
        var command = new Command("send", "E-mail the schedule's reports for one window, built from the latest scan in the history store. Each team gets only its own namespaces' findings.")
        {
            schedule, store, config, window, templates,
        };
        command.SetAction((parse, ct) => RunAsync(env, parse.GetValue(schedule)!, parse.GetValue(store), parse.GetValue(config), parse.GetValue(window), parse.GetValue(templates), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment env, string scheduleName, string? store, string? configPath, string? windowText, string? templatesDir, CancellationToken ct)
    {
        var loaded = ConfigResolver.Load(configPath, env);
        if (loaded is null)
        {
            return ExitCodes.UsageOrConfig;
        }

        var config = loaded.Config;
        var reports = config.Reports ?? throw new UserInputException("the configuration has no reports: section; there is no schedule to send. Hint: see docs/reports.md.");
        var schedule = reports.Schedules.FirstOrDefault(s => string.Equals(s.Name, scheduleName, StringComparison.Ordinal))
            ?? throw new UserInputException($"--schedule: no schedule named '{scheduleName}' in reports.schedules (configured: {(reports.Schedules.IsEmpty ? "none" : string.Join(", ", reports.Schedules.Select(s => s.Name)))}).");
        var storePath = store is not null ? env.Resolve(store) : config.Store?.Path
            ?? throw new UserInputException("no history store: pass --store DB, or set store.path in scanner.yaml.");
        if (!File.Exists(storePath))
        {
            throw new UserInputException($"--store: history store not found: {storePath}. Hint: record a scan first with 'scan --store {storePath}'.");
        }

        var now = env.Time.GetUtcNow();
        DateTimeOffset windowStart;
        if (windowText is not null)
        {
            windowStart = DateTimeOffset.TryParse(windowText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                ? parsed
                : throw new UserInputException($"--window: '{windowText}' is not an ISO 8601 time such as 2026-11-26T07:00:00Z.");
        }
        else
        {
            windowStart = CronWindows.Current(schedule.Cron, now) ?? now;
        }

        var templatesPath = templatesDir is null ? TemplateSet.DefaultDirectory : env.Resolve(templatesDir);
        try
        {
            var source = new StoredReportSource(storePath, config, (snapshot, c) => ScanPipeline.WithClusterExceptions(snapshot, c, DateOnly.FromDateTime(now.UtcDateTime)).Config);
            using var service = new ReportDeliveryService(config, storePath, TemplateSet.FromDirectory(templatesPath), source, new ReportDeliveryOptions { Time = env.Time });
            var result = await service.RunAsync(schedule.Name, windowStart, ct);
            if (result.ScanId is null)
            {
                env.Error.WriteLine($"error: no scan of cluster {config.ClusterName} in {storePath}; nothing to report. Hint: run 'scan --store {storePath}' first.");
                return ExitCodes.UsageOrConfig;
            }

            var window = result.WindowStart.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            env.Out.WriteLine($"schedule {schedule.Name}, window {window}, scan {result.ScanId}:");
            if (result.Audiences.IsEmpty)
            {
                env.Out.WriteLine("  no audience with an e-mail address.");
            }

            foreach (var a in result.Audiences)
            {
                var what = a.Outcome switch
                {
                    AudienceDeliveryOutcome.Sent => "sent",
                    AudienceDeliveryOutcome.AlreadyDelivered => "already delivered for this window (not sent again)",
                    AudienceDeliveryOutcome.Skipped => "skipped: nothing changed since the last report",
                    AudienceDeliveryOutcome.Pending => "pending: another sender holds it or it waits for its next attempt" + (a.Error is null ? string.Empty : $" (last error: {a.Error})"),
                    _ => "FAILED: " + a.Error + " (kept; it is retried with backoff)",
                };
                env.Out.WriteLine($"  {a.Audience}: {what}  <{a.MessageId}>");
            }

            return result.Succeeded ? ExitCodes.Ok : ExitCodes.Findings;
        }
        catch (Exception ex) when (ex is HistoryStoreException or TemplateRenderException or ReportDeliveryException)
        {
            env.Error.WriteLine("error: " + ex.Message);
            return ExitCodes.UsageOrConfig;
        }
    }
}
