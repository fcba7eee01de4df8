using System.Collections.Immutable;
using System.Globalization;
using ComplianceScanner.Core.Reporting;

namespace ComplianceScanner.Rendering.Html;

/// <summary>
/// Geometry of the trend chart (open findings over recent scans) in SVG user units, computed here so the template
/// only writes numbers: a viewBox of <see cref="Width"/> x <see cref="Height"/>, the plot between
/// <see cref="Left"/>..<see cref="Right"/> and <see cref="Top"/>..<see cref="Bottom"/> (report.html.sbn draws its
/// axes just outside: the y axis at x = 48, the x axis at y = 150).
/// </summary>
internal sealed record TrendChart(ImmutableArray<TrendMark> Marks, string OpenLine, int Max)
{
    public const int Width = 640;
    public const int Height = 180;
    public const int Left = 64;
    public const int Right = 624;
    public const int Top = 12;
    public const int Bottom = 150;

    /// <summary>The chart for a report's trend; null when it has fewer than two scans (nothing to draw a trend from).</summary>
    public static TrendChart? From(ImmutableArray<ReportTrendPoint> trend)
    {
        if (trend.IsDefaultOrEmpty || trend.Length < 2)
        {
            return null;
        }

        // Never a zero scale: a trend of clean scans still draws a flat line on the axis.
        var max = Math.Max(1, trend.Max(p => p.Open));
        var step = (double)(Right - Left) / (trend.Length - 1);
        var marks = trend.Select((p, i) => new TrendMark(
            p.ScanId,
            p.StartedAt,
            p.Complete,
            p.Open,
            p.Excepted,
            Math.Round(Left + (i * step), 1),
            Math.Round(Bottom - ((double)p.Open / max * (Bottom - Top)), 1))).ToImmutableArray();
        var line = string.Join(' ', marks.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.X},{m.Y}")));
        return new TrendChart(marks, line, max);
    }
}
