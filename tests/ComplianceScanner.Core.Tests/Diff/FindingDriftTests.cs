using ComplianceScanner.Core.Diff;
using ComplianceScanner.Core.Findings;
using static ComplianceScanner.Core.Tests.Diff.DiffSamples;

namespace ComplianceScanner.Core.Tests.Diff;

public sealed class FindingDriftTests
{
    [Fact]
    public void Findings_are_sorted_into_new_resolved_reopened_excepted_and_unchanged()
    {
        ScanFinding[] previous = [Finding("same"), Finding("gone"), Finding("lapsed", FindingState.Excepted), Finding("waived")];
        ScanFinding[] current = [Finding("same"), Finding("fresh", severity: Severity.Low), Finding("back"), Finding("lapsed"), Finding("waived", FindingState.Excepted)];

        var delta = FindingDrift.Compare(previous, current, fp => fp == "fp-back", currentComplete: true);

        Assert.Equal(["fp-fresh"], delta.New.Select(f => f.Fingerprint));
        Assert.Equal(["fp-gone"], delta.Resolved.Select(f => f.Fingerprint));
        Assert.Equal(["fp-back", "fp-lapsed"], delta.Reopened.Select(f => f.Fingerprint));
        Assert.Equal(["fp-waived"], delta.Excepted.Select(f => f.Fingerprint));
        Assert.Equal(1, delta.Unchanged);
        Assert.Equal(FindingTransition.Resolved, delta.Transitions["fp-gone"]);
    }

    [Fact]
    public void Incomplete_later_scan_reports_nothing_resolved()
    {
        var delta = FindingDrift.Compare([Finding("gone")], [], _ => false, currentComplete: false);

        Assert.Empty(delta.Resolved);
        Assert.Empty(delta.Transitions);
    }

    [Fact]
    public void Lists_are_in_report_order_worst_severity_first()
    {
        var delta = FindingDrift.Compare([], [Finding("b", severity: Severity.Low), Finding("a", severity: Severity.Critical), Finding("c", severity: Severity.Low)], _ => false, true);

        Assert.Equal(["fp-a", "fp-b", "fp-c"], delta.New.Select(f => f.Fingerprint));
    }
}
