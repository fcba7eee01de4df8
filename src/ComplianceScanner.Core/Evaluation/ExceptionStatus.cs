using ComplianceScanner.Core.Layers;

namespace ComplianceScanner.Core.Evaluation;

/// <summary>How one configured exception fared in a scan: how many findings it covered, and whether it has expired.</summary>
public sealed record ExceptionStatus(ExceptionEntry Entry, int Matched, bool Expired);
