using ComplianceScanner.Configuration;
using ComplianceScanner.Demo;
using ComplianceScanner.Output;

namespace ComplianceScanner.Cli;

/// <summary>
/// Finds and loads the config: the <c>--config</c> file; else <c>./scanner.yaml</c>; else the bundled demo.
/// Prints every diagnostic; returns null when there are errors (the caller exits 2).
/// </summary>
internal static class ConfigResolver
{
    public const string DefaultFileName = "scanner.yaml";

    public static LoadedConfig? Load(string? explicitPath, CliEnvironment env, bool warningsAreErrors = false)
    {
        var today = DateOnly.FromDateTime(env.Time.GetUtcNow().UtcDateTime);
        ConfigLoadResult result;
        var embedded = false;
        if (explicitPath is not null)
        {
            var path = env.Resolve(explicitPath);
            if (!File.Exists(path))
            {
                env.Error.WriteLine($"error: config file not found: {explicitPath}");
                env.Error.WriteLine("Hint: pass --config PATH, or run where a scanner.yaml is (without one the bundled demo is scanned).");
                return null;
            }

            result = ConfigLoader.LoadFile(path, today);
        }
        else if (File.Exists(env.Resolve(DefaultFileName)))
        {
            result = ConfigLoader.LoadFile(env.Resolve(DefaultFileName), today);
        }
        else
        {
            embedded = true;
            env.Error.WriteLine("note: no scanner.yaml here and no --config: using the bundled demo config and demo cluster.");
            result = ConfigLoader.LoadText(EmbeddedDemo.ReadConfig(), EmbeddedDemo.ConfigDisplayPath, today, env.WorkingDirectory);
        }

        foreach (var d in result.Diagnostics)
        {
            env.Error.WriteLine(TerminalText.Sanitize(d.ToString()));
        }

        var failed = result.HasErrors || (warningsAreErrors && !result.Diagnostics.IsEmpty);
        if (failed || result.Config is null)
        {
            var errors = result.Diagnostics.Length;
            env.Error.WriteLine($"{errors} problem(s) in the configuration; nothing was scanned.");
            return null;
        }

        return new LoadedConfig(result.Config, embedded);
    }
}
