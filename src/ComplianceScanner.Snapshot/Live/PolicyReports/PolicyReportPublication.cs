namespace ComplianceScanner.Snapshot.Live.PolicyReports;

/// <summary>What a <see cref="PolicyReportPublisher.PublishAsync"/> changed in the cluster.</summary>
/// <param name="Created">Objects that did not exist yet.</param>
/// <param name="Updated">Existing objects replaced with the new scan's content.</param>
/// <param name="Deleted">Objects the scanner had written before that the new scan no longer has (a namespace split into fewer parts, a namespace that is gone).</param>
public sealed record PolicyReportPublication(int Created, int Updated, int Deleted);
