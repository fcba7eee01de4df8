using System.Text.Json.Nodes;

namespace ComplianceScanner.TestSupport.KubeApi;

/// <summary>A paginated list in progress: the items as they were when its first page was served, and that resourceVersion.</summary>
internal sealed record ListCursor(ApiResource Resource, IReadOnlyList<JsonObject> Items, long ResourceVersion);
