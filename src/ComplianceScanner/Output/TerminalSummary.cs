using ComplianceScanner.Core.Reporting;
using Spectre.Console;

namespace ComplianceScanner.Output;

/// <summary>The short summary a scan prints: counts by severity and layer, the worst findings, and where the reports are.</summary>
internal static class TerminalSummary
{
    private const int MaxRows = 25;

    public static void Write(IAnsiConsole console, ScanReport report, IReadOnlyList<string> files)
    {
        console.MarkupLine(
            $"[bold]ComplianceScanner {Esc(report.Scanner.Version)}[/] · cluster [bold]{Esc(report.Scan.Cluster)}[/] · {report.Inventory.Values.Sum()} objects");
        if (report.Incomplete)
        {
            console.MarkupLine("[bold red]INCOMPLETE SCAN[/]: some data could not be read; absence of findings proves nothing for it.");
            foreach (var m in report.Missing)
            {
                console.MarkupLine($"  [red]missing[/] {Esc(m.Kind)}: {Esc(m.Reason)}{(m.RequiredPermission is null ? string.Empty : " (needs " + Esc(m.RequiredPermission) + ")")}");
            }

            foreach (var e in report.RuleErrors)
            {
                console.MarkupLine($"  [red]rule error[/] {Esc(e.RuleId)}: {Esc(e.Message)}");
            }
        }

        var counts = new Table().Border(TableBorder.Rounded).Title("Open findings");
        counts.AddColumn("Severity");
        counts.AddColumn(new TableColumn("Open").RightAligned());
        foreach (var c in report.Summary.BySeverity)
        {
            counts.AddRow(Styled(c.Name), c.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        counts.AddRow("[dim]excepted[/]", report.Summary.Excepted.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var layers = new Table().Border(TableBorder.Rounded).Title("By layer");
        layers.AddColumn("Layer");
        layers.AddColumn(new TableColumn("Open").RightAligned());
        foreach (var c in report.Summary.ByLayer)
        {
            layers.AddRow(Esc(c.Name), c.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        console.Write(new Columns(counts, layers).Collapse());

        var open = report.Findings.Where(f => f.State == "open").ToList();
        if (open.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumn("Severity");
            table.AddColumn("Rule");
            table.AddColumn("Object");
            table.AddColumn("Finding");
            foreach (var f in open.Take(MaxRows))
            {
                var obj = f.Object is null ? f.Subject ?? "-" : $"{f.Object.Kind}/{(f.Object.Namespace is null ? string.Empty : f.Object.Namespace + "/")}{f.Object.Name}";
                table.AddRow(Styled(f.Severity), Esc(f.RuleId), Esc(obj), Esc(f.Title));
            }

            console.Write(table);
            if (open.Count > MaxRows)
            {
                console.MarkupLine($"[dim]… and {open.Count - MaxRows} more open finding(s) in the report.[/]");
            }
        }
        else if (!report.Incomplete)
        {
            console.MarkupLine("[green]No open findings.[/]");
        }

        foreach (var file in files)
        {
            console.MarkupLine($"report: {Esc(file)}");
        }
    }

    private static string Esc(string? text) => Markup.Escape(TerminalText.Sanitize(text));

    private static string Styled(string severity) => severity switch
    {
        "critical" => "[bold white on red]critical[/]",
        "high" => "[red]high[/]",
        "medium" => "[yellow]medium[/]",
        "low" => "[blue]low[/]",
        _ => Esc(severity),
    };
}
