namespace ComplianceScanner.History;

/// <summary>
/// A file kept with a scan so its evidence can be reproduced exactly: the scanner.yaml it was judged against
/// (<see cref="ScanFiles.ConfigPath"/>), the templates it rendered with (<see cref="ScanFiles.TemplatesPrefix"/>), and
/// its JSON report (<see cref="ScanFiles.ReportPath"/>). Stored once per content (by SHA-256), Brotli-compressed.
/// </summary>
/// <param name="Path">Where the file goes in an evidence bundle ('/' separators).</param>
/// <param name="Content">The exact bytes.</param>
public sealed record ScanFile(string Path, byte[] Content);
