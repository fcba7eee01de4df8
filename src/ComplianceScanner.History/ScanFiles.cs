namespace ComplianceScanner.History;

/// <summary>The paths of the <see cref="ScanFile"/>s a scan keeps.</summary>
public static class ScanFiles
{
    /// <summary>The exact scanner.yaml bytes the scan was judged against.</summary>
    public const string ConfigPath = "config/scanner.yaml";

    /// <summary>Prefix of the templates the scan rendered with (<c>templates/report.html.sbn</c>, <c>templates/partials/...</c>).</summary>
    public const string TemplatesPrefix = "templates/";

    /// <summary>The scan's JSON report, as written.</summary>
    public const string ReportPath = "reports/report.json";

    /// <summary>
    /// The templates of a directory as scan files: every <c>*.sbn</c> below it (what the renderer loads), by relative
    /// path. Empty when the directory does not exist.
    /// </summary>
    public static IReadOnlyList<ScanFile> Templates(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return
        [
            .. Directory.EnumerateFiles(directory, "*.sbn", new EnumerationOptions { RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseSensitive })
                .Select(f => new ScanFile(TemplatesPrefix + System.IO.Path.GetRelativePath(directory, f).Replace(System.IO.Path.DirectorySeparatorChar, '/'), File.ReadAllBytes(f)))
                .OrderBy(f => f.Path, StringComparer.Ordinal),
        ];
    }
}
