using System.Collections.Immutable;

namespace ComplianceScanner.Core.Duties;

/// <summary>The analysis of one subject: its duties (public view) and its capability hits (for escalation paths).</summary>
internal sealed record SubjectEntry(SubjectDuties Duties, ImmutableArray<ProbeHit> Capabilities)
{
    public bool IsEmpty => !Duties.HoldsAny && Capabilities.IsEmpty;
}
