using ComplianceScanner.Demo;
using ComplianceScanner.Pipeline;

namespace ComplianceScanner.Cli;

/// <summary>
/// Where the manifests come from, the same for every command: <c>--from PATH...</c>; else the bundled demo cluster when
/// the config is the bundled demo; else the config's <c>source.path</c>.
/// </summary>
internal static class InputResolver
{
    public static SnapshotInput Resolve(CliEnvironment env, LoadedConfig loaded, IReadOnlyList<string> from)
    {
        if (from.Count > 0)
        {
            return FromPaths(env, from);
        }

        if (loaded.IsEmbeddedDemo)
        {
            return SnapshotInput.FromDocuments(EmbeddedDemo.ReadClusterDocuments());
        }

        return loaded.Config.SourcePath is { } source
            ? SnapshotInput.FromPaths([source])
            : throw new UserInputException(
                $"nothing to scan: pass --from PATH, or set source.path in {loaded.Config.FilePath}.");
    }

    /// <summary>
    /// For commands that only need manifests (the queries): <c>--from</c> alone needs no config; otherwise the config is
    /// found and loaded as <c>scan</c> does (an explicit <c>--config</c> is always loaded, so a wrong path is reported).
    /// Null when the config has errors (already printed; the caller exits 2).
    /// </summary>
    public static SnapshotInput? ResolveWithoutConfig(CliEnvironment env, string? configPath, IReadOnlyList<string> from)
    {
        if (from.Count > 0 && configPath is null)
        {
            return FromPaths(env, from);
        }

        var loaded = ConfigResolver.Load(configPath, env);
        return loaded is null ? null : Resolve(env, loaded, from);
    }

    private static SnapshotInput FromPaths(CliEnvironment env, IReadOnlyList<string> from) =>
        SnapshotInput.FromPaths([.. from.Select(env.Resolve)]);
}
