using System.Text.Json.Nodes;

namespace ComplianceScanner.TestSupport.KubeApi;

/// <summary>A change the server made, kept so a watch that resumes from an older resourceVersion gets it.</summary>
internal sealed record HistoryEntry(long ResourceVersion, ApiResource Resource, string? Namespace, string Type, JsonObject Object);
