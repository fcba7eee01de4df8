using ComplianceScanner.Cli;

namespace ComplianceScanner;

internal static class Program
{
    public static Task<int> Main(string[] args) => CommandLineApp.RunAsync(args, CliEnvironment.FromProcess());
}
