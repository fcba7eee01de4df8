using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Tests.Cli;

/// <summary><c>bundle create</c> and <c>bundle verify</c> end to end on scans recorded by <c>scan --store</c>.</summary>
public sealed class BundleCommandTests
{
    private const string Config = """
        apiVersion: compliancescanner.io/v1
        kind: ScannerConfig
        cluster: {name: tiny}
        layers:
          namespace:
            teams:
            - {name: web, subjects: [{kind: Group, name: team-web}], namespaces: [web], hosts: [web.example.com], duties: [route-editing]}
        store: {path: state/scanner.db}
        """;

    private static string Cluster(string host) => $$$"""
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: web}
        spec: {ports: [{port: 80}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: web}
        spec:
          rules:
          - host: {{{host}}}
            http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80} } } }]}
        """;

    private static TempDirectory TwoScans()
    {
        var dir = new TempDirectory();
        dir.File("scanner.yaml", Config);
        var clock = new FixedTimeProvider();
        dir.File("m/cluster.yaml", Cluster("evil.example.org"));
        Assert.Equal(0, CliRunner.Run(dir.Path, clock, "scan", "--from", "m", "--format", "json").ExitCode);
        clock.Advance(TimeSpan.FromDays(1));
        dir.File("m/cluster.yaml", Cluster("web.example.com"));
        Assert.Equal(0, CliRunner.Run(dir.Path, clock, "scan", "--from", "m", "--format", "json").ExitCode);
        return dir;
    }

    [Fact]
    public void First_bundle_creates_the_key_pair_beside_the_store_and_says_so_then_chains_and_verifies()
    {
        using var dir = TwoScans();

        var first = CliRunner.Run(dir.Path, "bundle", "create", "--store", "state/scanner.db", "--scan", "1");
        var second = CliRunner.Run(dir.Path, "bundle", "create");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("Created a new signing key pair: private key state/scanner-evidence.key (mode 0600; keep it secret and back it up), public key state/scanner-evidence.pub", first.Out, StringComparison.Ordinal);
        Assert.Contains("Wrote evidence/evidence-tiny-scan-000001.tar.gz: scan 1 of cluster tiny, ", first.Out, StringComparison.Ordinal);
        Assert.Contains("the first bundle of cluster tiny.", first.Out, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.DoesNotContain("Created a new signing key pair", second.Out, StringComparison.Ordinal);
        Assert.Contains("Wrote evidence/evidence-tiny-scan-000002.tar.gz: scan 2 of cluster tiny, ", second.Out, StringComparison.Ordinal);
        Assert.Contains("chained to the bundle of scan 1 (sha256:", second.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, second.Error);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir.Path, "state", "scanner-evidence.key")));
        }

        var verify = CliRunner.Run(dir.Path, "bundle", "verify", "evidence/evidence-tiny-scan-000002.tar.gz", "--public-key", "state/scanner-evidence.pub", "--previous", "evidence/evidence-tiny-scan-000001.tar.gz");

        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.StartsWith("valid: ", verify.Out, StringComparison.Ordinal);
        Assert.Contains("Scan 2 of cluster tiny, finished 2026-11-27 09:30:00 UTC, complete", verify.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Bundles_of_the_same_scan_are_byte_identical_and_a_changed_bundle_exits_1_with_the_reason()
    {
        using var dir = TwoScans();
        Assert.Equal(0, CliRunner.Run(dir.Path, "bundle", "create", "--scan", "2", "--out", "a").ExitCode);
        Assert.Equal(0, CliRunner.Run(dir.Path, "bundle", "create", "--scan", "2", "--out", "b").ExitCode);
        var a = File.ReadAllBytes(Path.Combine(dir.Path, "a", "evidence-tiny-scan-000002.tar.gz"));

        Assert.Equal(a, File.ReadAllBytes(Path.Combine(dir.Path, "b", "evidence-tiny-scan-000002.tar.gz")));

        a[a.Length / 2] ^= 0x01;
        File.WriteAllBytes(Path.Combine(dir.Path, "bad.tar.gz"), a);
        var verify = CliRunner.Run(dir.Path, "bundle", "verify", "bad.tar.gz");
        var chain = CliRunner.Run(dir.Path, "bundle", "verify", "b/evidence-tiny-scan-000002.tar.gz", "--previous", "a/evidence-tiny-scan-000002.tar.gz");

        Assert.Equal(1, verify.ExitCode);
        Assert.StartsWith("INVALID: ", verify.Out, StringComparison.Ordinal);
        Assert.Equal(1, chain.ExitCode);
        Assert.Contains("INVALID: broken chain: the bundle (scan 2) is the first of its chain", chain.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_name_the_signing_key_once_one_exists_beside_the_store()
    {
        using var dir = TwoScans();
        using var before = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "out", "report.json")));
        Assert.Equal(0, CliRunner.Run(dir.Path, "bundle", "create").ExitCode);
        using var manifest = JsonDocument.Parse(ManifestOf(Assert.Single(Directory.GetFiles(Path.Combine(dir.Path, "evidence")))));
        var fingerprint = manifest.RootElement.GetProperty("publicKeyFingerprint").GetString();

        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", "--from", "m", "--format", "json,html").ExitCode);

        using var after = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "out", "report.json")));
        Assert.Equal(JsonValueKind.Null, before.RootElement.GetProperty("signingKey").ValueKind);
        Assert.Equal(fingerprint, after.RootElement.GetProperty("signingKey").GetProperty("fingerprint").GetString());
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", after.RootElement.GetProperty("signingKey").GetProperty("publicKeyPem").GetString(), StringComparison.Ordinal);
        Assert.Contains($"<dt>Evidence signing key</dt><dd><code>{fingerprint}</code>", File.ReadAllText(Path.Combine(dir.Path, "out", "report.html")), StringComparison.Ordinal);
    }

    private static string ManifestOf(string bundle)
    {
        using var gzip = new GZipStream(File.OpenRead(bundle), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name == "manifest.json")
            {
                using var reader = new StreamReader(entry.DataStream!);
                return reader.ReadToEnd();
            }
        }

        throw new InvalidOperationException("no manifest.json in " + bundle);
    }

    [Theory]
    [InlineData("bundle verify missing.tar.gz", "error: BUNDLE: file not found: missing.tar.gz")]
    [InlineData("bundle create --key nokey.pem", "error: --key: file not found: nokey.pem.")]
    [InlineData("bundle create --scan 9", "error: no scan 9 in history store ")]
    [InlineData("bundle create --store none.db", "error: history store not found: ")]
    [InlineData("bundle verify", "Required argument missing")]
    public void Usage_problems_exit_2_with_one_clear_line(string command, string expected)
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", Config);
        dir.File("m/cluster.yaml", Cluster("web.example.com"));
        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", "--from", "m", "--format", "json").ExitCode);

        var r = CliRunner.Run(dir.Path, command.Split(' '));

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
        Assert.False(r.HasStackTrace, r.ToString());
    }
}
