using ComplianceScanner.TestSupport;

namespace ComplianceScanner.History.Tests;

/// <summary>A store file in a fresh temp directory, deleted with it.</summary>
internal sealed class StoreFile : IDisposable
{
    private readonly TempDirectory dir = new();

    public string Path => System.IO.Path.Combine(dir.Path, "data", "scanner.db");

    public string Directory => dir.Path;

    public ScanStore Open() => ScanStore.Open(Path);

    public void Dispose() => dir.Dispose();
}
