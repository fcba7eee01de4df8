using System.CommandLine;

namespace ComplianceScanner.Cli;

/// <summary>Builds the command tree and runs it. Parse errors exit 2 with the usage hint; user mistakes never print a stack trace.</summary>
internal static class CommandLineApp
{
    /// <summary>How long a command may take to stop after SIGTERM or Ctrl+C: the agent's shutdown timeout plus margin.</summary>
    private static readonly TimeSpan AgentGracePeriod = TimeSpan.FromSeconds(35);

    public static RootCommand Build(CliEnvironment env)
    {
        var root = new RootCommand(
            "ComplianceScanner: audits Kubernetes Ingress and RBAC against the separation-of-duties layers declared in scanner.yaml.");
        root.Subcommands.Add(ScanCommand.Create(env));
        root.Subcommands.Add(ConfigCommand.Create(env));
        root.Subcommands.Add(CanICommand.Create(env));
        root.Subcommands.Add(WhoCanCommand.Create(env));
        root.Subcommands.Add(ExplainCommand.Create(env));
        root.Subcommands.Add(Bench.BenchCommand.Create(env));
        root.Subcommands.Add(HistoryCommand.Create(env));
        root.Subcommands.Add(DiffCommand.Create(env));
        root.Subcommands.Add(BundleCommand.Create(env));
        root.Subcommands.Add(Agent.AgentCommand.Create(env));
        root.Subcommands.Add(PolicyCommand.Create(env));
        root.Subcommands.Add(ReportCommand.Create(env));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var root = Build(env);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await env.Error.WriteLineAsync("error: " + error.Message);
            }

            await env.Error.WriteLineAsync($"Hint: run '{parse.CommandResult.Command.Name} --help' for usage.");
            return ExitCodes.UsageOrConfig;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = env.Out,
                Error = env.Error,
                EnableDefaultExceptionHandler = false,

                // SIGTERM cancels the command; the agent then finishes or abandons its scan, which may take longer than
                // the 2 s default before the process would be ended under it.
                ProcessTerminationTimeout = AgentGracePeriod,
            });
        }
        catch (OperationCanceledException)
        {
            await env.Error.WriteLineAsync("cancelled.");
            return 130;
        }
        catch (UserInputException ex)
        {
            await env.Error.WriteLineAsync("error: " + ex.Message);
            return ExitCodes.UsageOrConfig;
        }
        catch (Exception ex) when (Environment.GetEnvironmentVariable("COMPLIANCESCANNER_DEBUG") is null)
        {
            await env.Error.WriteLineAsync($"internal error: {ex.GetType().Name}: {ex.Message}");
            await env.Error.WriteLineAsync("This is a bug in ComplianceScanner. Set COMPLIANCESCANNER_DEBUG=1 for the stack trace and report it.");
            return ExitCodes.Internal;
        }
    }
}
