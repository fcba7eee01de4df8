namespace ComplianceScanner.Delivery;

/// <summary>
/// Supplies the report of the latest recorded scan. The agent passes the report it has just built; the CLI rebuilds it
/// from the store (<see cref="StoredReportSource"/>).
/// </summary>
public interface IReportSource
{
    /// <summary>The latest recorded scan's report, or null when the store has no complete scan yet.</summary>
    Task<LatestReport?> LatestAsync(CancellationToken cancellationToken);
}
