using System.Collections.Immutable;
using ComplianceScanner.Core.Layers;

namespace ComplianceScanner.Configuration;

/// <summary>
/// The outcome of loading scanner.yaml: the config when there is no error, and every problem found, sorted by position.
/// Warnings (such as an expired exception) do not withhold the config.
/// </summary>
/// <param name="Config">The bound config, or null when any diagnostic is an error.</param>
/// <param name="Diagnostics">All problems, errors and warnings, in file order.</param>
public sealed record ConfigLoadResult(ScannerConfig? Config, ImmutableArray<ConfigDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    public ImmutableArray<ConfigDiagnostic> Errors => [.. Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)];

    public ImmutableArray<ConfigDiagnostic> Warnings => [.. Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning)];
}
