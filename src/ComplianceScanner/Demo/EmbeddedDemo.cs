using System.Reflection;

namespace ComplianceScanner.Demo;

/// <summary>
/// The bundled demo: scanner.yaml and the demo cluster's manifests compiled into the binary, so a scan works with
/// no cluster and no files at all.
/// </summary>
internal static class EmbeddedDemo
{
    private const string ConfigResource = "demo/scanner.yaml";
    private const string ClusterPrefix = "demo/cluster/";

    public static string ConfigDisplayPath => "(bundled demo)/scanner.yaml";

    public static string ReadConfig() => Read(ConfigResource);

    public static IReadOnlyList<(string Content, string DisplayPath)> ReadClusterDocuments() =>
        [.. Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ClusterPrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (Read(n), "(bundled demo)/examples/demo-cluster/" + n[ClusterPrefix.Length..]))];

    private static Assembly Assembly => typeof(EmbeddedDemo).Assembly;

    private static string Read(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
