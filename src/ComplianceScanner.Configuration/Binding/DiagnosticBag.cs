using System.Collections.Immutable;
using ComplianceScanner.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>Collects every diagnostic of one load; nothing stops at the first problem.</summary>
internal sealed class DiagnosticBag(string file)
{
    private readonly List<ConfigDiagnostic> items = [];

    public string File { get; } = file;

    public bool HasErrors => items.Exists(d => d.Severity == DiagnosticSeverity.Error);

    public void Error(YamlNode at, string field, string code, string message) => Error(at.Start, field, code, message);

    public void Error(Mark at, string field, string code, string message) => Add(at, field, code, message, DiagnosticSeverity.Error);

    public void Warning(YamlNode at, string field, string code, string message) =>
        Add(at.Start, field, code, message, DiagnosticSeverity.Warning);

    /// <summary>A problem about the file as a whole (missing, unreadable): no position.</summary>
    public void FileError(string code, string message) =>
        items.Add(new ConfigDiagnostic(File, 0, 0, string.Empty, DiagnosticText.Readable(message), DiagnosticSeverity.Error, code));

    /// <summary>In file order; problems at the same position keep the order they were found in.</summary>
    public ImmutableArray<ConfigDiagnostic> ToSortedArray() =>
        [.. items.Select((d, i) => (d, i)).OrderBy(x => x.d.Line).ThenBy(x => x.d.Column).ThenBy(x => x.i).Select(x => x.d)];

    private void Add(Mark at, string field, string code, string message, DiagnosticSeverity severity) =>
        items.Add(new ConfigDiagnostic(File, checked((int)at.Line), checked((int)at.Column), DiagnosticText.Readable(field), DiagnosticText.Readable(message), severity, code));
}
