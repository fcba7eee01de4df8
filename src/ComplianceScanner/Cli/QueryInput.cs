using ComplianceScanner.Core.Permissions;
using ComplianceScanner.Output;
using ComplianceScanner.Pipeline;

namespace ComplianceScanner.Cli;

/// <summary>Reads and indexes the manifests for <c>can-i</c> and <c>who-can</c>, from the same inputs <c>scan</c> uses.</summary>
internal static class QueryInput
{
    /// <summary>The indexed snapshot; null when the config has errors (printed; exit 2). Unreadable documents are printed on stderr.</summary>
    public static QuerySnapshot? Load(CliEnvironment env, string? configPath, IReadOnlyList<string> from, CancellationToken ct)
    {
        var input = InputResolver.ResolveWithoutConfig(env, configPath, from);
        if (input is null)
        {
            return null;
        }

        var (snapshot, errors) = SnapshotReader.Read(input, ct);
        foreach (var error in errors)
        {
            env.Error.WriteLine("error: " + TerminalText.Sanitize(error));
        }

        if (!errors.IsEmpty)
        {
            env.Error.WriteLine($"{errors.Length} input document(s) could not be read: the bindings and roles in them are not known.");
        }

        return new QuerySnapshot(snapshot, PermissionIndex.Build(snapshot), errors);
    }
}
