using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ComplianceScanner.Core.Reporting;

namespace ComplianceScanner.Rendering.Sarif;

/// <summary>
/// Writes the report as SARIF 2.1.0 for code-scanning tools: one result per finding, located at the manifest file and
/// line when the scan read files, at a <c>k8s://cluster/apiVersion/Kind/namespace/name</c> URI for live objects. Excepted and built-in
/// findings are results with a suppression, so they stay visible but do not alert.
/// </summary>
public static class SarifWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>The report as a SARIF 2.1.0 log, two-space indented with "\n" line breaks.</summary>
    public static string Write(ScanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.Default }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, report);
            WriteInvocation(json, report);
            json.WriteStartObject("automationDetails");
            json.WriteString("id", $"compliancescanner/{report.Scan.Cluster}/");
            json.WriteEndObject();
            var ruleIndex = report.Rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
            json.WriteStartArray("results");
            foreach (var f in report.Findings)
            {
                WriteResult(json, f, ruleIndex, report.Scan.Cluster);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>SARIF's level for a severity: critical and high are errors, medium warnings, the rest notes.</summary>
    public static string Level(string severity) => severity switch
    {
        "critical" or "high" => "error",
        "medium" => "warning",
        _ => "note",
    };

    /// <summary>
    /// Where a finding points: its manifest file (relative path, '/' separators), or for an object read from a live
    /// cluster <c>k8s://CLUSTER/APIVERSION/KIND/NAMESPACE/NAME</c> (CLUSTER with characters other than letters, digits, -
    /// and . replaced by -; no namespace segment for cluster-scoped objects;
    /// <c>unknown</c> as apiVersion for a kind the scanner does not read). Each segment is percent-encoded.
    /// </summary>
    public static string? Uri(ReportFinding finding, string cluster)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(cluster);
        if (ManifestFile(finding) is { } file)
        {
            // Relative paths stay relative (SARIF viewers resolve them against the repository); absolute ones become file: URIs.
            var escaped = string.Join('/', file.Split('/').Select(System.Uri.EscapeDataString));
            return file.StartsWith('/') ? "file://" + escaped : escaped;
        }

        if (finding.Object is not { } o)
        {
            return null;
        }

        var apiVersion = KubernetesKinds.ApiVersionOf(o.Kind) ?? "unknown";
        IEnumerable<string> segments = [.. apiVersion.Split('/'), o.Kind, .. o.Namespace is null ? (string[])[] : [o.Namespace], o.Name];
        return "k8s://" + Authority(cluster) + "/" + string.Join('/', segments.Select(System.Uri.EscapeDataString));
    }

    /// <summary>
    /// The cluster name as the URI's authority: letters, digits, '-' and '.' as they are, every other character
    /// replaced by '-'. Percent-encoding would be valid URI syntax, but common URI parsers (.NET's among them) reject
    /// an encoded host, and SARIF viewers would then drop the location.
    /// </summary>
    private static string Authority(string cluster)
    {
        var host = new string([.. cluster.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-')]).Trim('.');
        return host.Length == 0 ? "cluster" : host;
    }

    private static readonly System.Buffers.SearchValues<char> UnsafeUriChars = System.Buffers.SearchValues.Create(" <>\"{}|\\^`");

    /// <summary>A rule's documentation link, when it is a relative reference or an http(s) URL; anything else is left out.</summary>
    private static string? HelpUri(string docUrl) =>
        System.Uri.TryCreate(docUrl, UriKind.RelativeOrAbsolute, out var uri)
        && (!uri.IsAbsoluteUri ? !docUrl.Contains(':', StringComparison.Ordinal) : uri.Scheme is "http" or "https")
        && docUrl.AsSpan().IndexOfAny(UnsafeUriChars) < 0
            ? docUrl
            : null;

    /// <summary>
    /// The manifest file a finding was read from ('/' separators), or null when the object came from a live cluster
    /// (its source is then a <c>k8s://</c> or <c>cluster:</c> name, not a file).
    /// </summary>
    private static string? ManifestFile(ReportFinding finding)
    {
        if (finding.Source is not { File.Length: > 0 } source)
        {
            return null;
        }

        var file = source.File.Replace('\\', '/');
        var colon = file.IndexOf(':', StringComparison.Ordinal);

        // A scheme (two or more characters before the first ':', none of them a separator) is not a path; "C:/x" is.
        return colon > 1 && !file.AsSpan(0, colon).ContainsAny('/', '.') ? null : file;
    }

    private static void WriteTool(Utf8JsonWriter json, ScanReport report)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", report.Scanner.Name);
        json.WriteString("version", report.Scanner.Version);
        json.WriteString("semanticVersion", report.Scanner.Version);
        json.WriteStartArray("rules");
        foreach (var r in report.Rules)
        {
            json.WriteStartObject();
            json.WriteString("id", r.Id);
            json.WriteString("name", r.Title);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", r.Title);
            json.WriteEndObject();
            if (HelpUri(r.DocUrl) is { } help)
            {
                json.WriteString("helpUri", help);
            }

            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(r.Severity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("severity", r.Severity);
            json.WriteString("layer", r.Layer);
            json.WriteString("category", r.Category);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteInvocation(Utf8JsonWriter json, ScanReport report)
    {
        json.WriteStartArray("invocations");
        json.WriteStartObject();

        // An incomplete scan did not judge everything: say so where CI systems look.
        json.WriteBoolean("executionSuccessful", !report.Incomplete);
        json.WriteString("startTimeUtc", report.Scan.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("endTimeUtc", report.Scan.FinishedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteStartArray("toolExecutionNotifications");
        foreach (var m in report.Missing)
        {
            json.WriteStartObject();
            json.WriteString("level", "error");
            json.WriteStartObject("message");
            json.WriteString("text", $"incomplete: {m.Kind} could not be read: {m.Reason}{(m.RequiredPermission is null ? string.Empty : " (needs " + m.RequiredPermission + ")")}");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        foreach (var e in report.RuleErrors)
        {
            json.WriteStartObject();
            json.WriteString("level", "error");
            json.WriteStartObject("message");
            json.WriteString("text", $"rule {e.RuleId} failed: {e.Message}");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteResult(Utf8JsonWriter json, ReportFinding f, Dictionary<string, int> ruleIndex, string cluster)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", f.RuleId);
        if (ruleIndex.TryGetValue(f.RuleId, out var index))
        {
            json.WriteNumber("ruleIndex", index);
        }

        json.WriteString("level", Level(f.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", f.Message);
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        if (Uri(f, cluster) is { } uri)
        {
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", uri);
            json.WriteEndObject();
            if (ManifestFile(f) is not null && f.Source is { Line: > 0 } source)
            {
                json.WriteStartObject("region");
                json.WriteNumber("startLine", source.Line);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        if (f.Object is { } o)
        {
            json.WriteStartArray("logicalLocations");
            json.WriteStartObject();
            json.WriteString("fullyQualifiedName", $"{o.Kind}/{(o.Namespace is null ? string.Empty : o.Namespace + "/")}{o.Name}");
            json.WriteString("kind", "object");
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString("complianceScanner/v1", f.Id);
        json.WriteEndObject();
        if (f.State != "open")
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "external");
            json.WriteString("status", "accepted");
            json.WriteString("justification", f.Exception is { } e
                ? $"exception approved by {e.ApprovedBy} until {e.Expires}: {e.Reason}"
                : "about a Kubernetes built-in or vendor-managed identity");
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("properties");
        json.WriteString("severity", f.Severity);
        json.WriteString("layer", f.Layer);
        json.WriteString("state", f.State);
        json.WriteString("remediation", f.Remediation);
        if (f.Subject is not null)
        {
            json.WriteString("subject", f.Subject);
        }

        if (f.Team is not null)
        {
            json.WriteString("team", f.Team);
        }

        json.WriteStartArray("evidence");
        foreach (var e in f.Evidence)
        {
            json.WriteStringValue($"{e.Kind}: {e.Reference}: {e.Detail}");
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
