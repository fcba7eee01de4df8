using System.Collections.Immutable;

namespace ComplianceScanner.Core.Diff;

/// <summary>The result of <see cref="FindingLifecycle.Advance"/>: every record that changed or was created, and the transition of each.</summary>
/// <param name="Records">New and changed records (records that did not change are left out), ordered by fingerprint.</param>
/// <param name="Transitions">The transition of each record in <paramref name="Records"/> and of each seen-again unchanged one, by fingerprint.</param>
public sealed record LifecycleUpdate(ImmutableArray<FindingRecord> Records, ImmutableSortedDictionary<string, FindingTransition> Transitions);
