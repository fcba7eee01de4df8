using System.Globalization;
using System.Text;

namespace ComplianceScanner.Configuration;

/// <summary>
/// One problem found in a config file, pointing at the exact place: 1-based line and column (0 when the problem
/// concerns the whole file, such as a missing file) and the field path (<c>layers.namespace.teams[0].hosts[1]</c>).
/// </summary>
/// <param name="File">The display path of the file.</param>
/// <param name="Line">1-based line, or 0 when the problem is not at a position.</param>
/// <param name="Column">1-based column, or 0 when the problem is not at a position.</param>
/// <param name="Field">Dotted field path with list indexes, or empty for the document as a whole.</param>
/// <param name="Message">What is wrong, and where useful a "Hint: ..." sentence saying what to do.</param>
/// <param name="Severity">Error (the config is rejected) or warning.</param>
/// <param name="Code">Stable machine-readable code, one of <see cref="ConfigDiagnosticCodes"/>.</param>
public sealed record ConfigDiagnostic(
    string File,
    int Line,
    int Column,
    string Field,
    string Message,
    DiagnosticSeverity Severity,
    string Code)
{
    /// <summary>Compiler style: <c>file:line:col: error: field: message</c>; position and field are left out when unknown.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(File);
        if (Line > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $":{Line}:{Column}");
        }

        sb.Append(Severity == DiagnosticSeverity.Error ? ": error: " : ": warning: ");
        if (Field.Length > 0)
        {
            sb.Append(Field).Append(": ");
        }

        return sb.Append(Message).ToString();
    }
}
