using ComplianceScanner.Cli;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Tests.Cli;

/// <summary>Runs the CLI in process with captured streams, a fixed clock and a chosen working directory.</summary>
internal static class CliRunner
{
    public static CliResult Run(string workingDirectory, params string[] args) => Run(workingDirectory, new FixedTimeProvider(), args);

    public static CliResult Run(string workingDirectory, TimeProvider time, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var env = new CliEnvironment(output, error, time, workingDirectory, Interactive: false);
        var code = CommandLineApp.RunAsync(args, env).GetAwaiter().GetResult();
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
