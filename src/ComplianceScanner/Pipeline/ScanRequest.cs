using ComplianceScanner.Core.Layers;
using ComplianceScanner.History;

namespace ComplianceScanner.Pipeline;

/// <summary>
/// One scan to run: the layer model, the input, where and how to write the reports, the directory paths are shown
/// relative to, the history store to record into (null: not recorded, no drift), and whether the HTML report is also
/// written once per team (<c>report-team-NAME.html</c>, only that team's findings).
/// </summary>
internal sealed record ScanRequest(
    ScannerConfig Config,
    SnapshotInput Input,
    string OutDirectory,
    IReadOnlyList<string> Formats,
    string TemplatesDirectory,
    string WorkingDirectory,
    string? StorePath = null,
    RetentionPolicy? Retention = null,
    bool PerTeam = false);
