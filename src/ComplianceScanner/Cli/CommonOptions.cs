using System.CommandLine;

namespace ComplianceScanner.Cli;

/// <summary>Options several commands share, spelled the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string?> Config() => new("--config", "-c")
    {
        Description = "Path of scanner.yaml. Default: ./scanner.yaml, or the bundled demo when there is none.",
    };

    public static Option<string[]> From() => new("--from", "-f")
    {
        Description = "Manifest files or directories to scan (YAML, JSON, kubectl List output). Default: the config's source.path.",
        AllowMultipleArgumentsPerToken = true,
    };
}
