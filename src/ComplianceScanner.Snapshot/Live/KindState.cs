using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Snapshot;

namespace ComplianceScanner.Snapshot.Live;

/// <summary>One kind's copy in the watch cache: objects by <c>namespace/name</c>, the resourceVersion it is current at, and why it may be incomplete.</summary>
internal sealed record KindState(Dictionary<string, KubeObject> Objects, string? ResourceVersion, MissingKind? Missing);
