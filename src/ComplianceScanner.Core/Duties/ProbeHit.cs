using System.Collections.Immutable;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Duties;

/// <summary>A grant that covers part of a probe, with the tuples it covers (and those it covers for named objects only).</summary>
internal sealed record ProbeHit(Probe Probe, Grant Grant, ImmutableArray<PolicyRule> Covered, ImmutableArray<PolicyRule> NamesOnly);
