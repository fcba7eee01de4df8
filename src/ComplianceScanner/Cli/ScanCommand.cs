using System.CommandLine;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.History;
using ComplianceScanner.Output;
using ComplianceScanner.Pipeline;
using ComplianceScanner.Rendering;
using ComplianceScanner.Snapshot.Live;
using Spectre.Console;

namespace ComplianceScanner.Cli;

/// <summary><c>scan</c>: snapshot manifests, judge them against scanner.yaml, write reports, exit by severity.</summary>
internal static class ScanCommand
{
    public static Command Create(CliEnvironment env)
    {
        var config = CommonOptions.Config();
        var from = CommonOptions.From();
        var outDir = new Option<string>("--out", "-o") { Description = "Directory for the reports.", DefaultValueFactory = _ => "out" };
        var format = new Option<string>("--format")
        {
            Description = "Comma-separated report formats: " + string.Join(",", ScanPipeline.SupportedFormats) + ".",
            DefaultValueFactory = _ => "html,json",
        };
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit 1 when an open finding is at or above this severity (" + SeverityNames.Allowed + ", or none).",
            DefaultValueFactory = _ => "none",
        };
        var templates = new Option<string?>("--templates") { Description = "Directory of Scriban templates overriding the bundled ones." };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Scan the live cluster this kubeconfig file names, instead of manifests." };
        var context = new Option<string?>("--context") { Description = "Context in the --kubeconfig file. Default: its current context." };
        var inCluster = new Option<bool>("--in-cluster") { Description = "Scan the cluster this pod runs in, with its service account." };
        var store = StoreOption.Create();
        store.Description = "Record the scan in this history store (SQLite file, created when missing) and report what changed since the last scan. Default: store.path of scanner.yaml; without either, nothing is recorded.";
        var command = new Command("scan", "Scan manifests, a live cluster (--kubeconfig, --in-cluster) or the bundled demo, and write the reports.")
        {
            config, from, outDir, format, failOn, templates, kubeconfig, context, inCluster, store,
        };
        command.SetAction((parse, ct) => Task.FromResult(Run(
            env,
            parse.GetValue(config),
            parse.GetValue(from) ?? [],
            parse.GetValue(outDir)!,
            parse.GetValue(format)!,
            parse.GetValue(failOn)!,
            parse.GetValue(templates),
            Cluster(env, parse.GetValue(kubeconfig), parse.GetValue(context), parse.GetValue(inCluster), parse.GetValue(from) ?? []),
            parse.GetValue(store),
            ct)));
        return command;
    }

    private static int Run(CliEnvironment env, string? configPath, string[] from, string outDir, string format, string failOn, string? templates, ClusterInput? cluster, string? store, CancellationToken ct)
    {
        var formats = format.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(f => f.ToLowerInvariant()).Distinct().ToList();
        var unknown = formats.Except(ScanPipeline.SupportedFormats).ToList();
        if (formats.Count == 0 || unknown.Count > 0)
        {
            throw new UserInputException($"--format: unknown format '{string.Join(",", unknown)}'; choose from {string.Join(", ", ScanPipeline.SupportedFormats)}.");
        }

        Severity? threshold = null;
        if (!string.Equals(failOn, "none", StringComparison.OrdinalIgnoreCase))
        {
            threshold = SeverityNames.TryParse(failOn, out var s)
                ? s
                : throw new UserInputException($"--fail-on: '{failOn}' is not a severity; choose from {SeverityNames.Allowed}, or none.");
        }

        var templatesDir = templates is null ? TemplateSet.DefaultDirectory : env.Resolve(templates);
        if (!Directory.Exists(templatesDir) && formats.Any(f => ReportFormats.Find(f)?.UsesTemplates == true))
        {
            throw new UserInputException($"--templates: directory not found: {templatesDir}");
        }

        var loaded = ConfigResolver.Load(configPath, env);
        if (loaded is null)
        {
            return ExitCodes.UsageOrConfig;
        }

        var input = cluster is null ? InputResolver.Resolve(env, loaded, from) : SnapshotInput.FromCluster(cluster);
        var storePath = store is not null ? env.Resolve(store) : loaded.Config.Store?.Path;
        var retention = loaded.Config.Store is { } settings ? new RetentionPolicy(settings.RetentionScans, settings.RetentionDays) : null;
        var request = new ScanRequest(loaded.Config, input, env.Resolve(outDir), formats, templatesDir, env.WorkingDirectory, storePath, retention);
        var console = CreateConsole(env);
        ScanOutcome outcome;
        try
        {
            outcome = env.Interactive
                ? console.Status().Start("scanning", ctx => new ScanPipeline(env.Time, new StatusProgress(ctx)).Run(request, ct))
                : new ScanPipeline(env.Time, new PlainProgress(env.Error)).Run(request, ct);
        }
        catch (TemplateRenderException ex)
        {
            env.Error.WriteLine("error: " + ex.Message);
            return ExitCodes.UsageOrConfig;
        }
        catch (LiveSnapshotException ex)
        {
            // The cluster could not be read at all (bad kubeconfig, unreachable server, refused credentials): nothing was judged.
            env.Error.WriteLine("error: " + ex.Message);
            return ExitCodes.UsageOrConfig;
        }
        catch (HistoryStoreException ex)
        {
            env.Error.WriteLine("error: " + ex.Message);
            return ExitCodes.UsageOrConfig;
        }

        TerminalSummary.Write(console, outcome.Report, outcome.WrittenFiles);
        if (outcome.Recorded is { } recorded)
        {
            env.Out.WriteLine(HistoryText.SinceLastScan(recorded, ReportPaths.Relative(storePath!, env.WorkingDirectory)));
        }

        var alertsUsable = AlertStep.Run(env, loaded.Config.Alerts, outcome, storePath, templatesDir, ct);
        foreach (var error in outcome.InputErrors)
        {
            env.Error.WriteLine("error: " + error);
        }

        if (!outcome.InputErrors.IsEmpty)
        {
            env.Error.WriteLine($"{outcome.InputErrors.Length} input document(s) could not be read; the reports were written and marked incomplete.");
            return ExitCodes.UsageOrConfig;
        }

        if (!alertsUsable)
        {
            return ExitCodes.UsageOrConfig;
        }

        return threshold is { } t && ScanPipeline.ExceedsThreshold(outcome.Evaluation, t) ? ExitCodes.Findings : ExitCodes.Ok;
    }

    /// <summary>The live cluster to scan, or null to scan manifests.</summary>
    private static ClusterInput? Cluster(CliEnvironment env, string? kubeconfig, string? context, bool inCluster, string[] from)
    {
        if (kubeconfig is null && !inCluster)
        {
            return context is null ? null : throw new UserInputException("--context: needs --kubeconfig FILE.");
        }

        if (kubeconfig is not null && inCluster)
        {
            throw new UserInputException("--kubeconfig and --in-cluster: choose one way to reach the cluster.");
        }

        if (from.Length > 0)
        {
            throw new UserInputException("--from: scans manifests; it cannot be combined with --kubeconfig or --in-cluster.");
        }

        if (inCluster)
        {
            return context is null ? new ClusterInput(null, null, InCluster: true) : throw new UserInputException("--context: only applies with --kubeconfig.");
        }

        var path = env.Resolve(kubeconfig!);
        return File.Exists(path) ? new ClusterInput(path, context, InCluster: false) : throw new UserInputException($"--kubeconfig: file not found: {path}");
    }

    private static IAnsiConsole CreateConsole(CliEnvironment env)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(env.Out),
            Ansi = env.Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = env.Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = env.Interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!env.Interactive)
        {
            // Logs and CI consoles have no width to detect; wrapping object names at 80 columns makes them unreadable.
            console.Profile.Width = 200;
        }

        return console;
    }
}
