using ComplianceScanner.Fuzz.Tests.Generation;
using ComplianceScanner.Fuzz.Tests.Harness;

namespace ComplianceScanner.Fuzz.Tests;

/// <summary>Generated hostile manifest files (FsCheck) against the manifest loader; FUZZ_COUNT=100000 for the long run.</summary>
public sealed class ManifestLoaderFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void Generated_manifest_files_load_or_fail_with_a_clear_error_within_bounds()
    {
        var stats = FuzzRunner.Run("manifest-loader", DocumentCases.Manifests, ManifestProperty.Check, normalCount: 2_000, output);

        // The generator must reach both outcomes, or the property proves little.
        Assert.InRange(stats.Rejected, 1, stats.Inputs - 1);
        Assert.True(stats.Pristine > 0, "no valid input was generated");
    }
}
