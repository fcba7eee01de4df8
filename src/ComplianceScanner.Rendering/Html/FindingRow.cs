using ComplianceScanner.Core.Reporting;

namespace ComplianceScanner.Rendering.Html;

/// <summary>
/// A row of the findings table: the finding, its change since the last scan (<c>new</c>, <c>reopened</c> or empty
/// without a history store or when unchanged) and its severity rank for sorting (0 = critical).
/// </summary>
internal sealed record FindingRow(ReportFinding Finding, string Change, int SeverityRank);
