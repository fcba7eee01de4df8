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

    public static Option<string?> Namespace() => new("--namespace", "-n")
    {
        Description = "The namespace to ask about. Default: default (there is no kubeconfig context offline).",
    };

    public static Option<bool> AllNamespaces() => new("--all-namespaces", "-A")
    {
        Description = "Ask about all namespaces at once (namespace \"\"): only cluster-wide grants answer. Overrides -n.",
    };

    public static Option<string?> Subresource() => new("--subresource")
    {
        Description = "A subresource such as log (pods/log), status or scale. Not with a non-resource URL.",
    };

    /// <summary>
    /// VERB and TYPE of <c>can-i</c> and <c>who-can</c>. Both are optional to the parser so that a missing one gets
    /// kubectl's single message instead of one generic error per missing argument.
    /// </summary>
    public static (Argument<string?> Verb, Argument<string?> Target) VerbAndTarget(string verbDescription, string targetDescription) =>
    (
        new Argument<string?>("VERB") { Description = verbDescription, Arity = ArgumentArity.ZeroOrOne },
        new Argument<string?>("TYPE") { Description = targetDescription, Arity = ArgumentArity.ZeroOrOne }
    );

    /// <summary>Adds the check that both VERB and TYPE were given.</summary>
    public static void RequireVerbAndTarget(Command command, Argument<string?> verb, Argument<string?> target)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(verb) is null || result.GetValue(target) is null)
            {
                result.AddError("you must specify two arguments: VERB and TYPE, TYPE/NAME or NONRESOURCEURL.");
            }
        });
    }
}
