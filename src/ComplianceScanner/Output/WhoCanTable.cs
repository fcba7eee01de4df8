using ComplianceScanner.Cli;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Output;

/// <summary><c>who-can</c>'s table: one row per subject and allowing binding, columns aligned as kubectl aligns them.</summary>
internal static class WhoCanTable
{
    private static readonly string[] Header = ["KIND", "NAME", "NAMESPACE", "BINDING", "ROLE", "SCOPE"];

    public static void Write(TextWriter w, WhoCanAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(answer);
        w.WriteLine($"Who can {TerminalText.Sanitize(answer.Question)}:");
        var rows = new List<string[]> { Header };
        foreach (var access in answer.Subjects)
        {
            foreach (var grant in access.Grants)
            {
                rows.Add(
                [
                    access.Subject.Kind,
                    access.Subject.Name,
                    access.Subject.Namespace ?? string.Empty,
                    Binding(grant),
                    Role(grant),
                    grant.Scope,
                ]);
            }
        }

        if (rows.Count == 1)
        {
            w.WriteLine("No subject can.");
            return;
        }

        // Every cell but the header can come from the cluster.
        var cells = rows.Select(r => r.Select(TerminalText.Sanitize).ToArray()).ToList();
        var widths = Enumerable.Range(0, Header.Length).Select(c => cells.Max(r => r[c].Length)).ToArray();
        foreach (var row in cells)
        {
            var line = string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c])));
            w.WriteLine(line.TrimEnd());
        }
    }

    private static string Binding(Grant g) => g.Binding is null ? "-" : $"{g.Binding.Kind}/{g.Binding.Metadata.QualifiedName}";

    private static string Role(Grant g)
    {
        if (g.Kind == GrantKind.SystemMasters)
        {
            return "(system:masters bypasses RBAC)";
        }

        return g.IsAggregated
            ? $"{g.Role!.DisplayName} (aggregated from {g.Source!.Origin.Kind}/{g.Source.Origin.Metadata.QualifiedName})"
            : g.Role!.DisplayName;
    }
}
