using ComplianceScanner.Pipeline;

namespace ComplianceScanner.Output;

/// <summary>Progress as plain lines on stderr, for logs and pipes.</summary>
internal sealed class PlainProgress(TextWriter writer) : IScanProgress
{
    public void Stage(string name, string detail) => writer.WriteLine($"[{name}] {TerminalText.Sanitize(detail)}");
}
