using System.CommandLine;
using ComplianceScanner.Cli;
using ComplianceScanner.History;
using ComplianceScanner.Pipeline;
using ComplianceScanner.Rendering;
using ComplianceScanner.Snapshot.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ComplianceScanner.Agent;

/// <summary>
/// <c>agent</c>: runs continuously against a live cluster: scans on startup, on the <c>schedule:</c> cron schedules
/// and after watched changes; serves <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>; records into the store.
/// </summary>
internal static class AgentCommand
{
    /// <summary>Where the container image mounts the config; used when there is no --config and no ./scanner.yaml.</summary>
    public const string ContainerConfigPath = "/etc/compliance-scanner/scanner.yaml";

    public static Command Create(CliEnvironment env)
    {
        var config = CommonOptions.Config();
        config.Description = $"Path of scanner.yaml. Default: ./scanner.yaml, else {ContainerConfigPath}, else the bundled demo config.";
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Watch the cluster this kubeconfig file names." };
        var context = new Option<string?>("--context") { Description = "Context in the --kubeconfig file. Default: its current context." };
        var inCluster = new Option<bool>("--in-cluster") { Description = "Watch the cluster this pod runs in, with its service account (the default inside a pod)." };
        var store = StoreOption.Create();
        store.Description = "Record every scan in this history store (SQLite file, created when missing). Default: store.path of scanner.yaml; without either, scans are not recorded.";
        var listen = new Option<string>("--listen")
        {
            Description = "URL to serve /healthz, /readyz and /metrics on.",
            DefaultValueFactory = _ => AgentOptions.DefaultListen,
            HelpName = "URL",
        };
        var command = new Command("agent", "Run continuously against a live cluster: scan on start, on schedule and on change; serve health, readiness and Prometheus metrics.")
        {
            config, kubeconfig, context, inCluster, store, listen,
        };
        command.SetAction((parse, ct) => RunAsync(
            env,
            parse.GetValue(config),
            parse.GetValue(kubeconfig),
            parse.GetValue(context),
            parse.GetValue(inCluster),
            parse.GetValue(store),
            parse.GetValue(listen)!,
            ct));
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment env, string? configPath, string? kubeconfig, string? context, bool inCluster, string? store, string listen, CancellationToken ct)
    {
        // Plain HTTP only: the endpoints are probes and a scrape target inside the cluster network; TLS, where wanted,
        // is the job of a sidecar or the service mesh.
        if (!Uri.TryCreate(listen, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp || url.AbsolutePath != "/")
        {
            throw new UserInputException($"--listen: '{listen}' is not an http:// address with a host and port, e.g. {AgentOptions.DefaultListen}.");
        }

        var cluster = Cluster(env, kubeconfig, context, inCluster);
        if (configPath is null && !File.Exists(env.Resolve(ConfigResolver.DefaultFileName)) && File.Exists(ContainerConfigPath))
        {
            configPath = ContainerConfigPath;
        }

        var loaded = ConfigResolver.Load(configPath, env);
        if (loaded is null)
        {
            return ExitCodes.UsageOrConfig;
        }

        var agent = loaded.Config.Agent;
        if (agent.OutputDirectory is not null
            && agent.OutputFormats.Any(f => ReportFormats.Find(f)?.UsesTemplates == true)
            && !Directory.Exists(TemplateSet.DefaultDirectory))
        {
            throw new UserInputException($"agent.output.formats: {string.Join(", ", agent.OutputFormats)} need the report templates, which are not at {TemplateSet.DefaultDirectory}. Hint: mount them there, or write only json and sarif.");
        }

        var storePath = store is not null ? env.Resolve(store) : loaded.Config.Store?.Path;
        if (storePath is not null)
        {
            // Opened once now, so a bad store path stops the agent at startup rather than failing every scan.
            try
            {
                ScanStore.Open(storePath).Dispose();
            }
            catch (HistoryStoreException ex)
            {
                throw new UserInputException(ex.Message, ex);
            }
        }

        var options = new AgentOptions
        {
            Config = loaded.Config,
            Cluster = cluster,
            StorePath = storePath,
            Listen = listen,
            TemplatesDirectory = TemplateSet.DefaultDirectory,
            WorkingDirectory = env.WorkingDirectory,
            Identity = Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod ? pod : $"{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId}",
            LeaseNamespace = loaded.Config.Agent.LeaderElection.LeaseNamespace
                ?? (Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } ns ? ns : "default"),
            Time = env.Time,
        };
        return await RunAsync(env, options, ct).ConfigureAwait(false);
    }

    /// <summary>Starts the agent and runs it until <paramref name="ct"/> is cancelled (SIGTERM, Ctrl+C) or the host stops.</summary>
    internal static async Task<int> RunAsync(CliEnvironment env, AgentOptions options, CancellationToken ct)
    {
        LiveSnapshotSource source;
        try
        {
            var snapshotOptions = options.Snapshot with { TimeProvider = options.Time };
            source = options.Cluster.InCluster
                ? LiveSnapshotSource.InCluster(snapshotOptions)
                : LiveSnapshotSource.FromKubeconfig(options.Cluster.Kubeconfig!, options.Cluster.Context, snapshotOptions);
        }
        catch (LiveSnapshotException ex)
        {
            await env.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        using (source)
        {
            var app = AgentHost.Build(options, source);
            await using (app.ConfigureAwait(false))
            {
                try
                {
                    await app.StartAsync(ct).ConfigureAwait(false);
                }
                catch (IOException ex)
                {
                    // Kestrel could not bind (address in use, no permission).
                    await env.Error.WriteLineAsync($"error: --listen {options.Listen}: {ex.Message}").ConfigureAwait(false);
                    return ExitCodes.UsageOrConfig;
                }

                var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ComplianceScanner.Agent");
                var election = options.Config.Agent.LeaderElection;
                AgentLog.Started(
                    logger,
                    options.Identity,
                    string.Join(", ", app.Urls),
                    source.ServerUrl,
                    election.Enabled ? $"Lease {options.LeaseNamespace}/{election.LeaseName}" : "off");
                await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            }
        }

        return ExitCodes.Ok;
    }

    private static ClusterInput Cluster(CliEnvironment env, string? kubeconfig, string? context, bool inCluster)
    {
        if (kubeconfig is not null && inCluster)
        {
            throw new UserInputException("--kubeconfig and --in-cluster: choose one way to reach the cluster.");
        }

        if (kubeconfig is null)
        {
            if (context is not null)
            {
                throw new UserInputException("--context: needs --kubeconfig FILE.");
            }

            return inCluster || LiveSnapshotSource.IsInCluster()
                ? new ClusterInput(null, null, InCluster: true)
                : throw new UserInputException("agent: no cluster to watch. Hint: pass --kubeconfig FILE [--context NAME], or run it in a pod (--in-cluster).");
        }

        var path = env.Resolve(kubeconfig);
        return File.Exists(path) ? new ClusterInput(path, context, InCluster: false) : throw new UserInputException($"--kubeconfig: file not found: {path}");
    }
}
