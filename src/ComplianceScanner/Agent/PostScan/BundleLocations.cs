using ComplianceScanner.Evidence;

namespace ComplianceScanner.Agent.PostScan;

/// <summary>
/// Where the agent's evidence bundles and signing key are (<c>agent.bundles</c>, else beside the store): one answer for
/// the scheduled bundles and the HTTP API, so the API serves the bundles the schedule writes, signed with the same key.
/// </summary>
internal static class BundleLocations
{
    public static string Directory(AgentOptions options, string storePath) =>
        options.Config.Agent.Bundles.Directory ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storePath))!, "bundles");

    public static string PrivateKey(AgentOptions options, string storePath) =>
        options.Config.Agent.Bundles.KeyPath ?? EvidenceKey.DefaultPaths(storePath).PrivateKey;
}
