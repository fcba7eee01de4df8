using ComplianceScanner.Core.Layers;

namespace ComplianceScanner.Pipeline;

/// <summary>One scan to run: the layer model, the input, where and how to write the reports, and the directory paths are shown relative to.</summary>
internal sealed record ScanRequest(
    ScannerConfig Config,
    SnapshotInput Input,
    string OutDirectory,
    IReadOnlyList<string> Formats,
    string TemplatesDirectory,
    string WorkingDirectory);
