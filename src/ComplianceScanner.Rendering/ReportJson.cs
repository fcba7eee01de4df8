using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ComplianceScanner.Core.Reporting;
using ComplianceScanner.Rendering.Json;

namespace ComplianceScanner.Rendering;

/// <summary>
/// The JSON report: <see cref="ScanReport"/> serialized with camelCase names, two-space indentation, "\n" line breaks,
/// properties in model declaration order and explicit <c>null</c> for absent optional values. The shape is
/// <c>docs/report.schema.json</c> (schemaVersion <see cref="ScanReport.CurrentSchemaVersion"/>).
/// </summary>
public static class ReportJson
{
    private static readonly ReportJsonContext Context = new(new JsonSerializerOptions(ReportJsonContext.Default.Options)
    {
        // Non-ASCII text (names, messages) stays readable; characters significant in HTML are still \u-escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    });

    /// <summary>Serializes a report. The output has no trailing newline.</summary>
    public static string Serialize(ScanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, Context.ScanReport);
    }

    /// <summary>
    /// Writes <see cref="Serialize(ScanReport)"/> as UTF-8 to <paramref name="utf8"/>, streaming: a large report is never
    /// held as one string (twice its size in UTF-16) on its way to a file.
    /// </summary>
    public static void Serialize(ScanReport report, Stream utf8)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(utf8);
        JsonSerializer.Serialize(utf8, report, Context.ScanReport);
    }

    /// <summary>Reads a report written by <see cref="Serialize(ScanReport)"/> (any 1.x schema version).</summary>
    /// <exception cref="JsonException">The text is not a version 1 report; the message names the JSON path and line.</exception>
    public static ScanReport Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var report = JsonSerializer.Deserialize(json, Context.ScanReport)
            ?? throw new JsonException("report JSON is 'null', expected an object");
        var major = report.SchemaVersion.Split('.')[0];
        var supported = ScanReport.CurrentSchemaVersion.Split('.')[0];
        if (!string.Equals(major, supported, StringComparison.Ordinal))
        {
            throw new JsonException(string.Create(
                CultureInfo.InvariantCulture,
                $"report schemaVersion '{report.SchemaVersion}' is not supported: this scanner reads {supported}.x reports"));
        }

        return report;
    }
}
