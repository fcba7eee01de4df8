using ComplianceScanner.Cli;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Agent.Tests.Agent;

public sealed class AgentCommandTests
{
    [Theory]
    [InlineData("--listen ftp://127.0.0.1:1", "--listen: 'ftp://127.0.0.1:1' is not an http:// address")]
    [InlineData("--listen https://0.0.0.0:8443", "--listen: 'https://0.0.0.0:8443' is not an http:// address")]
    [InlineData("--listen 8080", "--listen: '8080' is not an http:// address")]
    [InlineData("--context lab", "--context: needs --kubeconfig FILE.")]
    [InlineData("--kubeconfig missing.yaml", "--kubeconfig: file not found:")]
    [InlineData("--kubeconfig k --in-cluster", "--kubeconfig and --in-cluster: choose one way to reach the cluster.")]
    public void Agent_usage_errors_exit_2_with_one_error_line(string args, string expected)
    {
        using var dir = new TempDirectory();
        dir.File("k", "apiVersion: v1\nkind: Config\n");

        var (code, error) = Run(dir.Path, ["agent", .. args.Split(' ')]);

        Assert.True(code == 2, error);
        Assert.StartsWith("error: " + expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schedule_that_is_not_valid_cron_stops_the_agent_before_it_starts()
    {
        using var dir = new TempDirectory();
        dir.File("k", "apiVersion: v1\nkind: Config\n");
        dir.File("scanner.yaml", "apiVersion: compliancescanner.io/v1\nkind: ScannerConfig\nschedule:\n  scan: \"*/5 * * * *\"\n");

        var (code, error) = Run(dir.Path, ["agent", "--kubeconfig", "k"]);

        Assert.Equal(2, code);
        Assert.Contains("scanner.yaml:4:9: error: schedule.scan: \"*/5 * * * *\" has 5 fields", error, StringComparison.Ordinal);
    }

    private static (int Code, string Error) Run(string workingDirectory, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var env = new CliEnvironment(output, error, new FixedTimeProvider(), workingDirectory, Interactive: false);
        var code = CommandLineApp.RunAsync(args, env).GetAwaiter().GetResult();
        return (code, error.ToString());
    }
}
