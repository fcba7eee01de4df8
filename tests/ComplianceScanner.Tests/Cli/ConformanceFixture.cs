using ComplianceScanner.Core.Permissions;
using ComplianceScanner.Core.Snapshot;
using ComplianceScanner.Snapshot.Manifests;

namespace ComplianceScanner.Tests.Cli;

/// <summary>Fixtures/rbac-conformance.yaml, read with the loader the CLI uses, and indexed by the engine.</summary>
internal static class ConformanceFixture
{
    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "Cli", "Fixtures", "rbac-conformance.yaml");

    /// <summary>A directory without scanner.yaml, so that only --from decides the input.</summary>
    public static string WorkingDirectory { get; } = Directory.CreateTempSubdirectory("cs-cani-").FullName;

    public static ClusterSnapshot Snapshot { get; } = Load();

    // Declared after Snapshot: static initializers run in order.
    public static PermissionIndex Index { get; } = PermissionIndex.Build(Snapshot);

    private static ClusterSnapshot Load()
    {
        var result = new ManifestLoader().Load([Path]);
        Assert.True(result.Errors.IsEmpty, string.Join("\n", result.Errors));
        return result.Snapshot;
    }
}
