namespace ComplianceScanner.Rendering.Html;

/// <summary>One bar of a summary chart: a count and its length in percent of the longest bar (0..100).</summary>
internal sealed record ReportBar(string Name, int Count, int Percent);
