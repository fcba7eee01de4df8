using ComplianceScanner.Pipeline;
using Spectre.Console;

namespace ComplianceScanner.Output;

/// <summary>Progress as a live spinner line on a terminal.</summary>
internal sealed class StatusProgress(StatusContext status) : IScanProgress
{
    public void Stage(string name, string detail) => status.Status($"[bold]{name}[/] {Markup.Escape(TerminalText.Sanitize(detail))}");
}
