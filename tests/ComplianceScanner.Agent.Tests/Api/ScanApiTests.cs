using System.Net;
using System.Text.Json.Nodes;
using ComplianceScanner.Agent.Tests.Agent;
using ComplianceScanner.Evidence;

namespace ComplianceScanner.Agent.Tests.Api;

/// <summary>Evidence bundles and the public key through the API, and the cache of access reviews.</summary>
[Collection(AgentCollection.Name)]
public sealed class ScanApiTests
{
    [Fact]
    public async Task Without_a_signing_key_bundle_and_public_key_are_404_with_a_hint()
    {
        await using var api = await ApiAgent.StartAsync();
        var id = await LatestAsync(api);

        var bundle = await api.GetAsync($"/api/v1/scans/{id}/bundle");
        var key = await api.GetAsync("/api/v1/public-key");

        Assert.Equal(HttpStatusCode.NotFound, bundle.Status);
        Assert.Contains("bundle create --store", bundle.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, key.Status);
    }

    [Fact]
    public async Task With_a_signing_key_the_bundle_downloads_verifies_against_the_served_public_key_and_is_the_same_twice()
    {
        await using var api = await ApiAgent.StartAsync();
        var (privateKey, publicKey) = EvidenceKey.DefaultPaths(api.StorePath);
        EvidenceKey.LoadOrCreate(privateKey, publicKey).Key.Dispose();
        var id = await LatestAsync(api);

        using var first = await api.SendAsync(HttpMethod.Get, $"/api/v1/scans/{id}/bundle", ApiAgent.Reader);
        var bytes = await first.Content.ReadAsByteArrayAsync();
        using var second = await api.SendAsync(HttpMethod.Get, $"/api/v1/scans/{id}/bundle", ApiAgent.Reader);
        var pem = await api.GetAsync("/api/v1/public-key");
        var path = Path.Combine(api.Dir.Path, "downloaded.tar.gz");
        await File.WriteAllBytesAsync(path, bytes);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/gzip", first.Content.Headers.ContentType!.MediaType);
        Assert.Equal(EvidenceBundleWriter.FileNameFor("live", id), first.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.Equal(bytes, await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, pem.Status);
        Assert.Equal(await File.ReadAllTextAsync(publicKey), pem.Body);
        var verification = EvidenceBundleVerifier.Verify(path, pem.Body);
        Assert.True(verification.Valid, verification.Reason);
    }

    [Fact]
    public async Task Reviews_are_cached_so_repeated_requests_ask_the_cluster_once()
    {
        await using var api = await ApiAgent.StartAsync();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/scans")).Status);
        }

        Assert.Equal(1, api.Server.Requests.Count(r => r.Path.EndsWith("/tokenreviews", StringComparison.Ordinal)));
        Assert.Single(api.Server.AccessReviews);
    }

    private static async Task<long> LatestAsync(ApiAgent api) =>
        JsonNode.Parse((await api.GetAsync("/api/v1/scans")).Body)!.AsArray()[0]!["id"]!.GetValue<long>();
}
