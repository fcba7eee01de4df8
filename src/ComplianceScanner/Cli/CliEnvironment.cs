namespace ComplianceScanner.Cli;

/// <summary>What a command may touch of the outside world: streams, clock and working directory. Tests supply their own.</summary>
internal sealed record CliEnvironment(TextWriter Out, TextWriter Error, TimeProvider Time, string WorkingDirectory, bool Interactive)
{
    public static CliEnvironment FromProcess() => new(
        Console.Out,
        Console.Error,
        TimeProvider.System,
        Directory.GetCurrentDirectory(),
        !Console.IsOutputRedirected && !Console.IsErrorRedirected);

    public string Resolve(string path) => Path.GetFullPath(Path.Combine(WorkingDirectory, path));
}
