namespace ComplianceScanner.Tests.Cli;

/// <summary>Exit code and captured output of one CLI run.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>True when anything looks like a .NET stack trace, which users must never see for their own mistakes.</summary>
    public bool HasStackTrace => (Out + Error).Contains("   at ", StringComparison.Ordinal) || (Out + Error).Contains("Exception:", StringComparison.Ordinal);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
