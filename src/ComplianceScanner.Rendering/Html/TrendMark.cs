namespace ComplianceScanner.Rendering.Html;

/// <summary>One scan on the trend chart: where its point is drawn and what its tooltip says.</summary>
internal sealed record TrendMark(long ScanId, DateTimeOffset StartedAt, bool Complete, int Open, int Excepted, double X, double Y);
