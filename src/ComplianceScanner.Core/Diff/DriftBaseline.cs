namespace ComplianceScanner.Core.Diff;

/// <summary>The earlier scan a drift is measured against.</summary>
/// <param name="ScanId">Its id in the history store.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="Complete">Whether it read everything (the automatic baseline always is).</param>
public sealed record DriftBaseline(long ScanId, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, bool Complete);
