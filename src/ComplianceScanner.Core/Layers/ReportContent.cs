namespace ComplianceScanner.Core.Layers;

/// <summary>What a scheduled report's body shows.</summary>
public enum ReportContent
{
    /// <summary>Every open finding, plus what changed since the audience's last report.</summary>
    Full,

    /// <summary>What changed since the audience's last report: new, reopened, resolved and excepted findings.</summary>
    Digest,

    /// <summary>Only the findings that are new (or reopened) since the audience's last report.</summary>
    NewFindings,
}
