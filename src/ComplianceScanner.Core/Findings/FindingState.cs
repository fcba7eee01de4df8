namespace ComplianceScanner.Core.Findings;

/// <summary>Where a finding stands: open, or excepted by an approved, unexpired exception.</summary>
public enum FindingState
{
    Open = 0,
    Excepted = 1,
}
