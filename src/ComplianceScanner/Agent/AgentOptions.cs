using ComplianceScanner.Core.Layers;
using ComplianceScanner.Pipeline;
using ComplianceScanner.Snapshot.Live;

namespace ComplianceScanner.Agent;

/// <summary>Everything the agent host is built from: the command line resolved, plus what tests set directly.</summary>
internal sealed record AgentOptions
{
    public const string DefaultListen = "http://0.0.0.0:8080";

    public required ScannerConfig Config { get; init; }

    public required ClusterInput Cluster { get; init; }

    /// <summary>The history store (<c>--store</c>, else <c>store.path</c>); null: scans are not recorded.</summary>
    public string? StorePath { get; init; }

    /// <summary>The URL Kestrel listens on; port 0 picks a free one (tests).</summary>
    public string Listen { get; init; } = DefaultListen;

    public required string TemplatesDirectory { get; init; }

    public required string WorkingDirectory { get; init; }

    /// <summary>This replica's Lease holder identity (<c>POD_NAME</c> in a cluster).</summary>
    public required string Identity { get; init; }

    /// <summary>The Lease's namespace (<c>agent.leaderElection.leaseNamespace</c>, else <c>POD_NAMESPACE</c>, else <c>default</c>).</summary>
    public required string LeaseNamespace { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Extra configuration keys for the host (<c>OTEL_*</c>, <c>Logging:LogLevel:Default</c>), layered over environment
    /// variables: tests set them per agent instead of process-wide environment variables.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>How the live snapshot reads the API server (page size, retry budget).</summary>
    public LiveSnapshotOptions Snapshot { get; init; } = new();

    /// <summary>Longest wait for a running scan to finish when the host stops; past it the scan is abandoned unrecorded.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
