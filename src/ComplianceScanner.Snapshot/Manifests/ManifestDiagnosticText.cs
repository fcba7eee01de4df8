using System.Globalization;

namespace ComplianceScanner.Snapshot.Manifests;

/// <summary>The one-line form shared by errors and warnings.</summary>
internal static class ManifestDiagnosticText
{
    public static string Format(string file, int documentIndex, int line, string message)
    {
        if (documentIndex < 0)
        {
            return line > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{file} (line {line}): {message}")
                : $"{file}: {message}";
        }

        return line > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{file}: document {documentIndex} (line {line}): {message}")
            : string.Create(CultureInfo.InvariantCulture, $"{file}: document {documentIndex}: {message}");
    }
}
