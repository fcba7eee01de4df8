using System.Text.Json.Nodes;
using ComplianceScanner.Core.Layers;

namespace ComplianceScanner.Core.Export;

/// <summary>Names, labels and metadata shared by every exported object.</summary>
internal static class ExportNames
{
    public const string Prefix = "compliancescanner";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedBy = "compliance-scanner";
    public const string TeamAnnotation = "compliancescanner.io/team";
    public const string DutyAnnotation = "compliancescanner.io/duty";
    public const string DigestAnnotation = "compliancescanner.io/config-digest";

    public static JsonObject Metadata(ScannerConfig config, string name, string? ns = null, params (string Key, string Value)[] annotations)
    {
        var meta = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            meta["namespace"] = ns;
        }

        meta["labels"] = new JsonObject { [ManagedByLabel] = ManagedBy };
        var notes = new JsonObject();
        foreach (var (key, value) in annotations)
        {
            notes[key] = value;
        }

        if (config.Digest.Length > 0)
        {
            notes[DigestAnnotation] = config.Digest;
        }

        if (notes.Count > 0)
        {
            meta["annotations"] = notes;
        }
        return meta;
    }

    public static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode?)JsonValue.Create(v))];
}
