using System.Text.Json.Serialization;
using ComplianceScanner.Core.Reporting;

namespace ComplianceScanner.Rendering.Json;

/// <summary>
/// Source-generated metadata for the JSON report, so serialization needs no reflection and the property order is the
/// model's declaration order, fixed at compile time. Nulls are written (never omitted): every property is always present.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    NewLine = "\n",
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(ScanReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
