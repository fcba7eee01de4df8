using ComplianceScanner.Core.Layers;

namespace ComplianceScanner.Cli;

/// <summary>A loaded config and whether it is the bundled demo (whose manifests are embedded too).</summary>
internal sealed record LoadedConfig(ScannerConfig Config, bool IsEmbeddedDemo);
