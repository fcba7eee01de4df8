namespace ComplianceScanner.Configuration.Tests;

/// <summary>
/// Sequence equality for ImmutableArray results: Assert.Equal would otherwise bind a collection expression to
/// ImmutableArray itself and compare by reference.
/// </summary>
public static class Seq
{
    public static void Equal<T>(IEnumerable<T> expected, IEnumerable<T> actual) => Assert.Equal(expected, actual);
}
