using ComplianceScanner.TestSupport.KubeApi;
using k8s;

namespace ComplianceScanner.Snapshot.Tests.Live;

/// <summary>The real KubernetesClient, pointed at a test API server.</summary>
internal static class LiveTestClient
{
    public static Kubernetes For(TestApiServer server) => new(new KubernetesClientConfiguration { Host = server.Url.ToString() });

    /// <summary>A token that ends the test if the code under test hangs.</summary>
    public static CancellationToken Timeout(int seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
