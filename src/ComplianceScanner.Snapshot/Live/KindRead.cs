using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Snapshot;

namespace ComplianceScanner.Snapshot.Live;

/// <summary>
/// One kind's full list: its objects by <c>namespace/name</c> and the resourceVersion of the consistent list, or why it
/// is missing, or that the API server does not serve it.
/// </summary>
internal sealed record KindRead(
    LiveKind Kind,
    IReadOnlyDictionary<string, KubeObject> Objects,
    string? ResourceVersion,
    MissingKind? Missing,
    bool NotServed,
    IReadOnlyList<string> Warnings,
    int Relists)
{
    public bool Succeeded => Missing is null && !NotServed;
}
