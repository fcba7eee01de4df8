using System.Collections.Immutable;

namespace ComplianceScanner.Core.Layers;

/// <summary>
/// <c>agent: {quietPeriod, maxDelay, leaderElection, output, api}</c>: how the agent turns watched changes into rescans,
/// whether replicas elect a leader, and where it writes reports. Only the agent reads this section.
/// </summary>
public sealed record AgentSettings
{
    public static AgentSettings Default { get; } = new();

    /// <summary>A rescan starts once no watched object has changed for this long.</summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A rescan starts at the latest this long after the first pending change, even while changes keep coming.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(1);

    public LeaderElectionSettings LeaderElection { get; init; } = LeaderElectionSettings.Default;

    /// <summary>The directory each scan's reports are written to (absolute; relative paths in the file are resolved against its directory); null: none written.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>The report formats written to <see cref="OutputDirectory"/>.</summary>
    public ImmutableArray<string> OutputFormats { get; init; } = ["html", "json"];

    /// <summary>Apply each scan's PolicyReports / ClusterPolicyReports to the cluster (needs the policyreports RBAC component).</summary>
    public bool PublishPolicyReports { get; init; }

    /// <summary>Where and how many evidence bundles the <c>schedule.bundles</c> job keeps.</summary>
    public BundleSettings Bundles { get; init; } = BundleSettings.Default;

    /// <summary>The HTTP API's authentication and rate limit (<c>agent.api</c>).</summary>
    public AgentApiSettings Api { get; init; } = AgentApiSettings.Default;
}
