namespace ComplianceScanner.Core.Findings;

/// <summary>Where a finding stands: open, excepted by an approved, unexpired exception, or filtered as built-in.</summary>
public enum FindingState
{
    Open = 0,
    Excepted = 1,

    /// <summary>
    /// About a Kubernetes built-in identity or a vendor-managed object (recognised by labels and name prefixes):
    /// shown in reports, filtered out of counts and exit codes.
    /// </summary>
    Builtin = 2,
}
