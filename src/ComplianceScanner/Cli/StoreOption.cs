using System.CommandLine;
using ComplianceScanner.History;

namespace ComplianceScanner.Cli;

/// <summary><c>--store DB</c>, shared by scan, history and diff, and how the store path is found when it is not given.</summary>
internal static class StoreOption
{
    public static Option<string?> Create() => new("--store")
    {
        Description = "History store (SQLite file). Default: store.path of scanner.yaml.",
        HelpName = "DB",
    };

    /// <summary>
    /// The store of a read command (history, diff): <c>--store</c>, else <c>store.path</c> of the config given with
    /// <c>--config</c> or of <c>./scanner.yaml</c>. Opens it; never creates one.
    /// </summary>
    /// <exception cref="UserInputException">No store is named, or it cannot be opened (missing, damaged, not a store).</exception>
    public static ScanStore OpenForReading(CliEnvironment env, string? store, string? configPath)
    {
        var path = store is not null ? env.Resolve(store) : ConfiguredPath(env, configPath)
            ?? throw new UserInputException("no history store: pass --store DB, or set store.path in scanner.yaml.");
        try
        {
            return ScanStore.OpenExisting(path);
        }
        catch (HistoryStoreException ex)
        {
            throw new UserInputException(ex.Message, ex);
        }
    }

    private static string? ConfiguredPath(CliEnvironment env, string? configPath)
    {
        if (configPath is null && !File.Exists(env.Resolve(ConfigResolver.DefaultFileName)))
        {
            return null;
        }

        var loaded = ConfigResolver.Load(configPath, env) ?? throw new UserInputException("the configuration has errors (listed above); cannot find the history store in it.");
        return loaded.Config.Store?.Path;
    }
}
