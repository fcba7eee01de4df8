using Xunit;

namespace ComplianceScanner.TestSupport;

/// <summary>
/// Golden-file assertions. With <c>UPDATE_GOLDEN=1</c> the file is (re)written from the actual output and the
/// assertion passes; otherwise the output must equal the file, and a mismatch fails naming the first differing line.
/// Line endings are normalised to "\n" and trailing newlines are ignored, so editors and git settings do not matter.
/// </summary>
public static class Golden
{
    /// <summary>The environment variable that switches from comparing to rewriting.</summary>
    public const string UpdateVariable = "UPDATE_GOLDEN";

    private const int MaxShown = 240;

    /// <summary>Compares <paramref name="actual"/> with the golden file (absolute, or relative to the repository root).</summary>
    public static void AssertMatches(string actual, string goldenPath)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentException.ThrowIfNullOrEmpty(goldenPath);
        var path = Path.IsPathRooted(goldenPath) ? goldenPath : Path.Combine(RepoPaths.Root, goldenPath);
        var normalizedActual = Normalize(actual);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, normalizedActual + "\n");
            return;
        }

        if (!File.Exists(path))
        {
            Assert.Fail($"golden file {path} does not exist; run the tests with {UpdateVariable}=1 to create it, then review and commit it.");
        }

        var expected = Normalize(File.ReadAllText(path));
        if (string.Equals(expected, normalizedActual, StringComparison.Ordinal))
        {
            return;
        }

        Assert.Fail(Describe(expected, normalizedActual, path));
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');

    private static string Describe(string expected, string actual, string path)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && string.Equals(expectedLines[line], actualLines[line], StringComparison.Ordinal))
        {
            line++;
        }

        return $"""
            {path}({line + 1}): output differs from the golden file at line {line + 1} (expected {expectedLines.Length} lines, got {actualLines.Length}).
              expected: {Show(expectedLines, line)}
              actual:   {Show(actualLines, line)}
            If the change is intended, rerun with {UpdateVariable}=1 and review the diff of the golden file.
            """;
    }

    private static string Show(string[] lines, int index) =>
        index >= lines.Length ? "<end of file>" : lines[index].Length > MaxShown ? lines[index][..MaxShown] + "..." : lines[index];
}
