using System.Collections.Immutable;
using ComplianceScanner.Core.Permissions;
using ComplianceScanner.Core.Snapshot;

namespace ComplianceScanner.Cli;

/// <summary>The manifests a query runs on, indexed.</summary>
/// <param name="Snapshot">The snapshot read.</param>
/// <param name="Index">Its permission index.</param>
/// <param name="InputErrors">Documents that could not be read (already printed): the answer may miss their bindings.</param>
internal sealed record QuerySnapshot(ClusterSnapshot Snapshot, PermissionIndex Index, ImmutableArray<string> InputErrors);
