namespace ComplianceScanner.Core.Findings;

/// <summary>The exception that covers an excepted finding: why, who approved it, and until when.</summary>
public sealed record AppliedException(string Reason, string ApprovedBy, DateOnly Expires);
