using ComplianceScanner.Fuzz.Tests.Generation;
using ComplianceScanner.Fuzz.Tests.Harness;

namespace ComplianceScanner.Fuzz.Tests;

/// <summary>Generated hostile scanner.yaml files (FsCheck) against the config loader; FUZZ_COUNT=100000 for the long run.</summary>
public sealed class ConfigLoaderFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void Generated_config_files_load_or_fail_with_clear_diagnostics_within_bounds()
    {
        var stats = FuzzRunner.Run("config-loader", DocumentCases.Configs, ConfigProperty.Check, normalCount: 2_000, output);

        Assert.InRange(stats.Rejected, 1, stats.Inputs - 1);
        Assert.True(stats.Pristine > 0, "no valid input was generated");
    }
}
