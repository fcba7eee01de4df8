using ComplianceScanner.Core.Layers;

namespace ComplianceScanner.Pipeline;

/// <summary>One scan to run: the layer model, the input, and where and how to write the reports.</summary>
internal sealed record ScanRequest(
    ScannerConfig Config,
    SnapshotInput Input,
    string OutDirectory,
    IReadOnlyList<string> Formats,
    string TemplatesDirectory);
