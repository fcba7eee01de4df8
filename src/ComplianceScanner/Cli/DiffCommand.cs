using System.CommandLine;
using System.Globalization;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Output;

namespace ComplianceScanner.Cli;

/// <summary><c>diff [SCAN_A SCAN_B]</c>: what changed between two recorded scans (default: the last two of the newest scan's cluster).</summary>
internal static class DiffCommand
{
    public static Command Create(CliEnvironment env)
    {
        var store = StoreOption.Create();
        var config = CommonOptions.Config();
        var scans = new Argument<string[]>("SCAN")
        {
            Description = "Two scan ids from 'history': the earlier, then the later. Default: the last two scans.",
            Arity = new ArgumentArity(0, 2),
        };
        var command = new Command("diff", "Show new, resolved and reopened findings, object changes (fields and field managers), and duties and permissions gained or lost per subject between two scans.")
        {
            store, config, scans,
        };
        command.SetAction(parse =>
        {
            var ids = (parse.GetValue(scans) ?? []).Select(Id).ToArray();
            if (ids.Length == 1)
            {
                throw new UserInputException("diff: give two scan ids (earlier, later), or none to compare the last two scans.");
            }

            using var history = StoreOption.OpenForReading(env, parse.GetValue(store), parse.GetValue(config));
            long earlier, later;
            if (ids.Length == 2)
            {
                (earlier, later) = (ids[0], ids[1]);
            }
            else
            {
                var all = history.Scans();
                if (all.IsEmpty)
                {
                    throw new UserInputException($"no scans recorded in {history.Path}; nothing to compare.");
                }

                var cluster = all[^1].Cluster;
                var same = all.Where(s => s.Cluster == cluster).ToList();
                if (same.Count < 2)
                {
                    throw new UserInputException($"{history.Path} has only one scan of cluster {TerminalText.Sanitize(cluster)} (scan {same[0].Id}); nothing to compare yet.");
                }

                (earlier, later) = (same[^2].Id, same[^1].Id);
            }

            var judgeWith = DutyConfig(env, parse.GetValue(config));
            try
            {
                var drift = history.Compare(earlier, later, judgeWith);
                env.Out.Write(HistoryText.Drift(history.GetScan(earlier), history.GetScan(later), drift, judgeWith is not null));
            }
            catch (History.HistoryStoreException ex)
            {
                throw new UserInputException(ex.Message, ex);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The config duty changes are judged against: <c>--config</c>, else <c>./scanner.yaml</c>; null when neither exists
    /// (the bundled demo config would judge a real cluster's subjects against made-up layers).
    /// </summary>
    private static ScannerConfig? DutyConfig(CliEnvironment env, string? configPath)
    {
        if (configPath is null && !File.Exists(env.Resolve(ConfigResolver.DefaultFileName)))
        {
            return null;
        }

        return ConfigResolver.Load(configPath, env)?.Config
            ?? throw new UserInputException("the configuration has errors (listed above); duty changes cannot be judged against it.");
    }

    private static long Id(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new UserInputException($"diff: '{text}' is not a scan id; scan ids are the numbers 'history' lists.");
}
