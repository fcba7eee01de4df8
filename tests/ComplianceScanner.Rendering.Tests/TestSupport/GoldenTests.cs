using ComplianceScanner.TestSupport;
using Xunit.Sdk;

namespace ComplianceScanner.Rendering.Tests.TestSupport;

/// <summary>The shared golden helper lives in ComplianceScanner.TestSupport, which has no test project of its own.</summary>
public class GoldenTests
{
    [SkippableFact]
    public void AssertMatches_DifferentLine_FailsNamingFirstDifferingLine()
    {
        SkipWhenUpdating();
        using var dir = new TempDirectory();
        var path = dir.Write("x.expected.txt", "one\ntwo\nthree\n");

        var error = Assert.Throws<FailException>(() => Golden.AssertMatches("one\nTWO\nthree", path));

        Assert.Contains($"{path}(2): output differs from the golden file at line 2", error.Message);
        Assert.Contains("expected: two", error.Message);
        Assert.Contains("actual:   TWO", error.Message);
    }

    [SkippableFact]
    public void AssertMatches_ShorterOutput_ReportsEndOfFile()
    {
        SkipWhenUpdating();
        using var dir = new TempDirectory();
        var path = dir.Write("x.expected.txt", "one\ntwo\n");

        var error = Assert.Throws<FailException>(() => Golden.AssertMatches("one", path));

        Assert.Contains("actual:   <end of file>", error.Message);
    }

    [SkippableFact]
    public void AssertMatches_LineEndingsAndTrailingNewlines_DoNotMatter()
    {
        SkipWhenUpdating();
        using var dir = new TempDirectory();
        var path = dir.Write("x.expected.txt", "one\r\ntwo\r\n");

        Golden.AssertMatches("one\ntwo", path);
    }

    [SkippableFact]
    public void AssertMatches_MissingFile_FailsExplainingHowToCreateIt()
    {
        SkipWhenUpdating();
        using var dir = new TempDirectory();

        var error = Assert.Throws<FailException>(() => Golden.AssertMatches("x", Path.Combine(dir.Path, "none.expected.txt")));

        Assert.Contains("UPDATE_GOLDEN=1", error.Message);
    }

    private static void SkipWhenUpdating() =>
        Skip.If(Environment.GetEnvironmentVariable(Golden.UpdateVariable) == "1", "UPDATE_GOLDEN=1 rewrites golden files instead of comparing them");
}
