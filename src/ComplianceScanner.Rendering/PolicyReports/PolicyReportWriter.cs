using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ComplianceScanner.Core.Reporting;

namespace ComplianceScanner.Rendering.PolicyReports;

/// <summary>
/// The report as Kubernetes Policy Report objects (<c>wgpolicyk8s.io/v1alpha2</c>): one PolicyReport per namespace
/// (findings of namespaced objects, and every team namespace so a fixed namespace gets an empty report) and one
/// ClusterPolicyReport (cluster-scoped findings, and the scan's completeness). Every object stays within
/// <see cref="MaxObjectBytes"/> serialized; a namespace with more results is split into numbered objects.
/// </summary>
/// <remarks>
/// Built in code rather than from a template: the objects must be measured serialized to be split under the size
/// limit, and YAML quoting of arbitrary cluster strings (names, annotations, messages) is too easy to get wrong by hand.
/// </remarks>
public static class PolicyReportWriter
{
    /// <summary>The size limit of one object (1.5 MiB, etcd's default request limit).</summary>
    public const int MaxObjectBytes = 1536 * 1024;

    public const string ApiVersion = "wgpolicyk8s.io/v1alpha2";

    /// <summary>The object name; split objects are <c>compliance-scanner-1</c>, <c>-2</c>, ...</summary>
    public const string BaseName = "compliance-scanner";

    /// <summary>The <c>source</c> of every result and the managed-by label of every object.</summary>
    public const string Source = "compliance-scanner";

    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    /// <summary>Characters kept of one result's message or property; beyond that it is cut (the full text is in the JSON report).</summary>
    public const int MaxValueChars = 16 * 1024;

    /// <summary>The policy of the result that reports an incomplete scan in the ClusterPolicyReport.</summary>
    public const string CompletenessPolicy = "scan-completeness";

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Every object as multi-document YAML (<c>report.policyreport.yaml</c>), separated by <c>---</c>.</summary>
    public static string Write(ScanReport report) =>
        string.Join("---\n", Build(report).Select(d => d.Yaml));

    /// <summary>
    /// The objects: the ClusterPolicyReport first, then PolicyReports by namespace (ordinal), each split into parts of
    /// at most <paramref name="maxObjectBytes"/> (JSON and YAML alike).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxObjectBytes"/> cannot hold one result.</exception>
    public static ImmutableArray<PolicyReportDocument> Build(ScanReport report, int maxObjectBytes = MaxObjectBytes)
    {
        ArgumentNullException.ThrowIfNull(report);
        var timestamp = report.Scan.FinishedAt.ToUnixTimeSeconds();
        var byNamespace = report.Findings
            .Where(f => f.Namespace is not null)
            .GroupBy(f => f.Namespace!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var ns in report.Teams.SelectMany(t => t.Namespaces))
        {
            byNamespace.TryAdd(ns, []);
        }

        var documents = ImmutableArray.CreateBuilder<PolicyReportDocument>();
        var clusterResults = report.Findings.Where(f => f.Namespace is null).Select(f => Result(f, timestamp)).ToList();
        if (report.Incomplete)
        {
            clusterResults.Insert(0, CompletenessResult(report, timestamp));
        }

        documents.AddRange(Objects(report, "ClusterPolicyReport", null, clusterResults, maxObjectBytes));
        foreach (var (ns, findings) in byNamespace.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            documents.AddRange(Objects(report, "PolicyReport", ns, [.. findings.Select(f => Result(f, timestamp))], maxObjectBytes));
        }

        return documents.ToImmutable();
    }

    /// <summary>The spec's result of a finding: open findings fail, excepted and built-in ones are skipped.</summary>
    public static string ResultOf(ReportFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return finding.State == "open" ? "fail" : "skip";
    }

    /// <summary>The spec's severity (critical, high, medium, low, info); the scanner's severities map one to one.</summary>
    public static string SeverityOf(string severity) =>
        severity is "critical" or "high" or "medium" or "low" or "info" ? severity : "info";

    private static List<PolicyReportDocument> Objects(ScanReport report, string kind, string? ns, List<Dictionary<string, object?>> results, int maxBytes)
    {
        // A result's size is the same wherever it lands (YAML sequence items at the top level, JSON array elements),
        // so packing by measured sizes against a header measured with the widest name, part and counts is exact.
        var placeholder = Body(report, kind, ns, BaseName + "-99999", "99999 of 99999", [], 9_999_999);
        var headerJson = Encoding.UTF8.GetByteCount(Json(placeholder));
        var headerYaml = Encoding.UTF8.GetByteCount(YamlText.Document(placeholder)) - " []\n".Length + "\n".Length;
        var parts = new List<List<Dictionary<string, object?>>>();
        var current = new List<Dictionary<string, object?>>();
        long json = headerJson, yaml = headerYaml;
        foreach (var result in results)
        {
            var resultJson = JsonBytes(result) + 1;
            var resultYaml = Encoding.UTF8.GetByteCount(YamlText.SequenceItem(result));
            if (Math.Max(headerJson + resultJson, headerYaml + resultYaml) > maxBytes)
            {
                throw new ArgumentOutOfRangeException(nameof(maxBytes), maxBytes, $"a {kind} of one result does not fit in {maxBytes} bytes");
            }

            if (current.Count > 0 && (json + resultJson > maxBytes || yaml + resultYaml > maxBytes))
            {
                parts.Add(current);
                current = [];
                json = headerJson;
                yaml = headerYaml;
            }

            current.Add(result);
            json += resultJson;
            yaml += resultYaml;
        }

        parts.Add(current);
        return [.. parts.Select((part, i) =>
        {
            var name = parts.Count == 1 ? BaseName : string.Create(CultureInfo.InvariantCulture, $"{BaseName}-{i + 1}");
            var partLabel = string.Create(CultureInfo.InvariantCulture, $"{i + 1} of {parts.Count}");
            var body = Body(report, kind, ns, name, partLabel, part, null);
            var document = new PolicyReportDocument(kind, ns, name, part.Count, Json(body), YamlText.Document(body));
            return Encoding.UTF8.GetByteCount(document.Json) <= maxBytes && Encoding.UTF8.GetByteCount(document.Yaml) <= maxBytes
                ? document
                : throw new InvalidOperationException($"{kind} {ns}/{name} exceeds {maxBytes} bytes although its parts were measured; this is a bug");
        })];
    }

    private static Dictionary<string, object?> Body(ScanReport report, string kind, string? ns, string name, string part, List<Dictionary<string, object?>> results, long? summaryPlaceholder)
    {
        var metadata = new Dictionary<string, object?> { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        metadata["labels"] = new Dictionary<string, object?> { [ManagedByLabel] = Source };
        var annotations = new Dictionary<string, object?>
        {
            ["compliancescanner.io/cluster"] = report.Scan.Cluster,
            ["compliancescanner.io/scan-finished-at"] = report.Scan.FinishedAt.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            ["compliancescanner.io/part"] = part,
        };
        if (report.Incomplete)
        {
            annotations["compliancescanner.io/incomplete"] = "true";
        }

        metadata["annotations"] = annotations;
        long Count(string result) => summaryPlaceholder ?? results.Count(r => (string?)r["result"] == result);
        return new Dictionary<string, object?>
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = kind,
            ["metadata"] = metadata,
            ["summary"] = new Dictionary<string, object?>
            {
                ["pass"] = Count("pass"),
                ["fail"] = Count("fail"),
                ["warn"] = Count("warn"),
                ["error"] = Count("error"),
                ["skip"] = Count("skip"),
            },
            ["results"] = results,
        };
    }

    private static Dictionary<string, object?> Result(ReportFinding f, long timestamp)
    {
        var result = new Dictionary<string, object?>
        {
            ["source"] = Source,
            ["policy"] = f.RuleId,
            ["rule"] = Cut(f.Title),
            ["category"] = f.Layer,
            ["severity"] = SeverityOf(f.Severity),
            ["timestamp"] = new Dictionary<string, object?> { ["seconds"] = timestamp, ["nanos"] = 0 },
            ["result"] = ResultOf(f),
            ["scored"] = true,
            ["message"] = Cut(f.Message),
        };
        if (f.Object is { } o)
        {
            var reference = new Dictionary<string, object?>
            {
                ["apiVersion"] = KubernetesKinds.ApiVersionOf(o.Kind) ?? string.Empty,
                ["kind"] = o.Kind,
                ["name"] = o.Name,
            };
            if (o.Namespace is not null)
            {
                reference["namespace"] = o.Namespace;
            }

            result["resources"] = new List<object?> { reference };
        }

        var properties = new Dictionary<string, object?> { ["findingId"] = f.Id, ["state"] = f.State };
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                properties[key] = Cut(value);
            }
        }

        Add("key", f.Key);
        Add("subject", f.Subject);
        Add("team", f.Team);
        Add("remediation", f.Remediation);
        Add("evidence", string.Join('\n', f.Evidence.Select(e => $"{e.Kind}: {e.Reference}: {e.Detail}")));
        Add("exceptionReason", f.Exception?.Reason);
        Add("exceptionApprovedBy", f.Exception?.ApprovedBy);
        Add("exceptionExpires", f.Exception?.Expires);
        Add("sourceFile", f.Source?.File);
        Add("sourceLine", f.Source is { Line: > 0 } s ? s.Line.ToString(CultureInfo.InvariantCulture) : null);
        Add("docUrl", f.DocUrl);
        result["properties"] = properties;
        return result;
    }

    /// <summary>An error result that says the scan is incomplete, so an empty report is never read as clean.</summary>
    private static Dictionary<string, object?> CompletenessResult(ScanReport report, long timestamp)
    {
        var reasons = report.Missing.Select(m => $"{m.Kind} could not be read: {m.Reason}{(m.RequiredPermission is null ? string.Empty : " (needs " + m.RequiredPermission + ")")}")
            .Concat(report.RuleErrors.Select(e => $"rule {e.RuleId} failed: {e.Message}"))
            .ToList();
        return new Dictionary<string, object?>
        {
            ["source"] = Source,
            ["policy"] = CompletenessPolicy,
            ["rule"] = "all data read and every rule evaluated",
            ["category"] = "scan",
            ["severity"] = "high",
            ["timestamp"] = new Dictionary<string, object?> { ["seconds"] = timestamp, ["nanos"] = 0 },
            ["result"] = "error",
            ["scored"] = true,
            ["message"] = Cut("the scan is incomplete: the absence of a finding proves nothing for what could not be read" + (reasons.Count == 0 ? string.Empty : "; " + string.Join("; ", reasons))),
        };
    }

    private static string Cut(string value) =>
        value.Length <= MaxValueChars ? value : string.Concat(value.AsSpan(0, MaxValueChars), " ... (cut; the JSON report has the full text)");

    private static int JsonBytes(object? value) => Encoding.UTF8.GetByteCount(Json(value));

    /// <summary>Compact JSON of the object tree (dictionaries, lists, strings, numbers, booleans), keys in insertion order.</summary>
    private static string Json(object? value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonOptions))
        {
            WriteJson(writer, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteJson(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case Dictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    WriteJson(writer, item);
                }

                writer.WriteEndObject();
                break;
            case System.Collections.IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"unsupported value type {value.GetType().Name} in a policy report", nameof(value));
        }
    }
}
