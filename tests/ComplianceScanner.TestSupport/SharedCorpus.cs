using Xunit;

namespace ComplianceScanner.TestSupport;

/// <summary>
/// Gate for tests that read ../shared/corpus: they skip visibly when it is absent on a developer machine,
/// and fail when CI=true, where the corpus must always be present.
/// </summary>
public static class SharedCorpus
{
    /// <summary>Returns the corpus path, or skips ([SkippableFact] tests only) (or fails under CI) when it is missing.</summary>
    public static string RequirePath()
    {
        var path = RepoPaths.SharedCorpus;
        if (Directory.Exists(path))
        {
            return path;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"CI=true but the shared corpus is missing at {path}.");
        }

        Skip.If(true, $"shared corpus not found at {path}; tests that read it are skipped (they fail under CI=true).");
        return path;
    }
}
