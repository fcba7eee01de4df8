using System.CommandLine;
using ComplianceScanner.Output;

namespace ComplianceScanner.Cli;

/// <summary><c>history</c>: list the scans recorded in the history store.</summary>
internal static class HistoryCommand
{
    public static Command Create(CliEnvironment env)
    {
        var store = StoreOption.Create();
        var config = CommonOptions.Config();
        var cluster = new Option<string?>("--cluster") { Description = "Only scans of this cluster." };
        var limit = new Option<int>("--limit") { Description = "Show the newest N scans (0: all).", DefaultValueFactory = _ => 0 };
        var command = new Command("history", "List the scans recorded in the history store: time, cluster, completeness, open findings by severity.")
        {
            store, config, cluster, limit,
        };
        command.SetAction(parse =>
        {
            var max = parse.GetValue(limit);
            if (max < 0)
            {
                throw new UserInputException($"--limit: must be 0 or more, got {max}.");
            }

            using var history = StoreOption.OpenForReading(env, parse.GetValue(store), parse.GetValue(config));
            var scans = history.Scans(parse.GetValue(cluster));
            if (scans.IsEmpty)
            {
                env.Out.WriteLine($"No scans recorded in {history.Path}{(parse.GetValue(cluster) is { } c ? " for cluster " + TerminalText.Sanitize(c) : string.Empty)}.");
                return ExitCodes.Ok;
            }

            env.Out.Write(HistoryText.Scans(max > 0 && scans.Length > max ? scans[^max..] : scans));
            return ExitCodes.Ok;
        });
        return command;
    }
}
