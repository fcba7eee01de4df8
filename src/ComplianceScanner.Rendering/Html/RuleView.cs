using System.Collections.Immutable;
using ComplianceScanner.Core.Reporting;

namespace ComplianceScanner.Rendering.Html;

/// <summary>A rule with its findings and counts, as the JUnit template shows them.</summary>
internal sealed record RuleView(ReportRule Rule, ImmutableArray<ReportFinding> Findings, int Failures, int Skipped, int Errors)
{
    /// <summary>Test cases of the rule: one per finding, or one passing case when it found nothing.</summary>
    public int Tests => Math.Max(1, Findings.Length);

    public static RuleView Of(ReportRule rule, ScanReport report)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(report);
        var findings = report.Findings.Where(f => f.RuleId == rule.Id).ToImmutableArray();
        return new RuleView(
            rule,
            findings,
            findings.Count(f => f.State == "open"),
            findings.Count(f => f.State != "open"),
            report.RuleErrors.Count(e => e.RuleId == rule.Id));
    }
}
