using System.Collections.Immutable;

namespace ComplianceScanner.Core.Layers;

/// <summary>
/// The layer model of scanner.yaml (v1): named duties, the cluster/security/namespace layers that may hold them,
/// toxic combinations, Ingress policy and approved exceptions.
/// </summary>
public sealed record ScannerConfig
{
    public const string ApiVersionV1 = "compliancescanner.io/v1";
    public const string KindName = "ScannerConfig";

    public string ClusterName { get; init; } = "default";

    /// <summary>Manifest path to scan when no cluster is given (<c>source.path</c>), relative to the config file.</summary>
    public string? SourcePath { get; init; }

    /// <summary>Every duty by name: built-in duties plus those declared (a declared duty replaces the built-in of that name).</summary>
    public ImmutableSortedDictionary<string, Duty> Duties { get; init; } = BuiltinDuties.All;

    public LayerDefinition ClusterLayer { get; init; } = LayerDefinition.Empty;

    public LayerDefinition SecurityLayer { get; init; } = LayerDefinition.Empty;

    public ImmutableArray<TeamDefinition> Teams { get; init; } = [];

    public ImmutableArray<SeparationRule> Separation { get; init; } = [];

    public IngressPolicy Ingress { get; init; } = IngressPolicy.Default;

    public ImmutableArray<ExceptionEntry> Exceptions { get; init; } = [];

    /// <summary>The scanner's own objects (<c>scanner:</c>), protected by SOD-RBAC-015.</summary>
    public ScannerSelf SelfProtection { get; init; } = ScannerSelf.Default;

    public RuleSettings Rules { get; init; } = RuleSettings.Default;

    /// <summary>The history store (<c>store:</c>); null when scans are not recorded unless <c>--store</c> is given.</summary>
    public StoreSettings? Store { get; init; }

    /// <summary>Alert sinks (<c>alerts:</c>); null when no alerts are sent.</summary>
    public AlertSettings? Alerts { get; init; }
    /// <summary>The agent's cron schedules (<c>schedule:</c>).</summary>
    public ScheduleSettings Schedule { get; init; } = ScheduleSettings.Default;

    /// <summary>The agent's rescans, leader election and report output (<c>agent:</c>).</summary>
    public AgentSettings Agent { get; init; } = AgentSettings.Default;

    /// <summary>Scheduled e-mail reports (<c>reports:</c>); null when none are sent.</summary>
    public ReportSettings? Reports { get; init; }

    /// <summary>SHA-256 of the config file's bytes, so reports and history know which boundaries a result was judged against.</summary>
    public string Digest { get; init; } = string.Empty;

    /// <summary>The file it was loaded from, or empty for a built-in config.</summary>
    public string FilePath { get; init; } = string.Empty;
}
