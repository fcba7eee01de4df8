using System.Collections.Immutable;

namespace ComplianceScanner.Core.Layers;

/// <summary><c>alerts:</c>: where finding transitions are sent after a recorded scan; see docs/alerts.md.</summary>
public sealed record AlertSettings
{
    public ImmutableArray<AlertSinkSettings> Sinks { get; init; } = [];
}
