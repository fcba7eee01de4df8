using ComplianceScanner.Core.Reporting;

namespace ComplianceScanner.Pipeline;

/// <summary>
/// Shows file paths in reports relative to the directory the scan ran in (as the user typed them), so reports do not
/// leak home directories and stay identical across checkouts. Paths outside that directory stay absolute.
/// </summary>
internal static class ReportPaths
{
    public static ScanReport Relativize(ScanReport report, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report with
        {
            Scan = report.Scan with
            {
                ConfigFile = Relative(report.Scan.ConfigFile, baseDirectory),
                Sources = [.. report.Scan.Sources.Select(s => Relative(s, baseDirectory))],
            },
            Findings = [.. report.Findings.Select(f => f.Source is null ? f : f with { Source = f.Source with { File = Relative(f.Source.File, baseDirectory) } })],
        };
    }

    public static string Relative(string path, string baseDirectory)
    {
        if (string.IsNullOrEmpty(path) || !Path.IsPathRooted(path))
        {
            return path;
        }

        var relative = Path.GetRelativePath(baseDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative.Replace('\\', '/');
    }
}
