using System.Net;
using ComplianceScanner.Configuration;
using ComplianceScanner.Pipeline;
using ComplianceScanner.Rendering;
using ComplianceScanner.Snapshot.Live;
using ComplianceScanner.TestSupport;
using ComplianceScanner.TestSupport.KubeApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceScanner.Agent.Tests.Agent;

/// <summary>
/// One agent host in process against a <see cref="TestApiServer"/>, through a kubeconfig and the real
/// KubernetesClient, listening on 127.0.0.1 on a free port. Disposing stops it gracefully.
/// </summary>
internal sealed class TestAgent : IAsyncDisposable
{
    private readonly LiveSnapshotSource source;
    private bool stopped;

    private TestAgent(WebApplication app, LiveSnapshotSource source, RecordingHandler scans, AgentOptions options)
    {
        App = app;
        this.source = source;
        Scans = scans;
        Options = options;
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    }

    public WebApplication App { get; }

    public RecordingHandler Scans { get; }

    public AgentOptions Options { get; }

    public AgentState State => App.Services.GetRequiredService<AgentState>();

    public HttpClient Http { get; }

    public Uri Url { get; private set; } = new("http://127.0.0.1");

    /// <summary>Starts an agent on <paramref name="server"/> with <paramref name="configBody"/> appended to the config header.</summary>
    public static async Task<TestAgent> StartAsync(
        TestApiServer server,
        TempDirectory dir,
        string configBody,
        string identity = "agent-a",
        string? storePath = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        var yaml = "apiVersion: compliancescanner.io/v1\nkind: ScannerConfig\n" + configBody;
        var loaded = ConfigLoader.LoadText(yaml, "scanner.yaml", new DateOnly(2026, 6, 1), dir.Path);
        Assert.True(loaded.Config is not null, string.Join("\n", loaded.Diagnostics));
        var kubeconfig = server.WriteKubeconfig(Path.Combine(dir.Path, "kubeconfig-" + identity));
        var allSettings = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:ComplianceScanner"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            allSettings[key] = value;
        }

        var options = new AgentOptions
        {
            Config = loaded.Config,
            Cluster = new ClusterInput(kubeconfig, null, InCluster: false),
            StorePath = storePath,
            Listen = "http://127.0.0.1:0",
            TemplatesDirectory = TemplateSet.DefaultDirectory,
            WorkingDirectory = dir.Path,
            Identity = identity,
            LeaseNamespace = "default",
            Settings = allSettings,
            Snapshot = new LiveSnapshotOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(50) },
            ShutdownTimeout = TimeSpan.FromSeconds(10),
        };
        var source = LiveSnapshotSource.FromKubeconfig(kubeconfig, null, options.Snapshot);
        var scans = new RecordingHandler();
        var app = AgentHost.Build(options, source, services =>
        {
            services.AddSingleton<IScanCompletedHandler>(scans);
            configure?.Invoke(services);
        });
        var agent = new TestAgent(app, source, scans, options);
        await app.StartAsync();
        agent.Url = new Uri(app.Urls.First());
        return agent;
    }

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(Url, path));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Stops the host gracefully (the running scan finishes or is abandoned unrecorded).</summary>
    public async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await App.StopAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await App.DisposeAsync();
        source.Dispose();
        Http.Dispose();
    }
}
