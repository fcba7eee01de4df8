using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace ComplianceScanner.Evidence.Tests;

public sealed class DeterministicTarGzTests
{
    private static readonly DateTimeOffset Time = new(2026, 3, 1, 8, 0, 3, 250, TimeSpan.Zero);

    private static BundleFile File(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Same_files_in_any_order_give_the_same_bytes_with_a_normalised_gzip_header()
    {
        var a = DeterministicTarGz.Write([File("b/two.txt", "2"), File("a.txt", "1")], Time);
        var b = DeterministicTarGz.Write([File("a.txt", "1"), File("b/two.txt", "2")], Time.AddMilliseconds(500));

        Assert.Equal(a, b);
        Assert.Equal([0x1f, 0x8b, 0x08], a[..3]);
        Assert.Equal([0, 0, 0, 0], a[4..8]);
        Assert.Equal(255, a[9]);
    }

    [Fact]
    public void Entries_are_sorted_regular_files_with_fixed_owner_mode_and_scan_time()
    {
        var bytes = DeterministicTarGz.Write([File("z.txt", "z"), File("a/b.txt", "b")], Time);

        using var reader = new TarReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress));
        var entries = new List<TarEntry>();
        while (reader.GetNextEntry(copyData: true) is { } e)
        {
            entries.Add(e);
        }

        Assert.Equal(["a/b.txt", "z.txt"], entries.Select(e => e.Name));
        Assert.All(entries, e =>
        {
            Assert.Equal(TarEntryFormat.Ustar, e.Format);
            Assert.Equal(TarEntryType.RegularFile, e.EntryType);
            Assert.Equal((0, 0), (e.Uid, e.Gid));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, e.Mode);
            Assert.Equal(new DateTimeOffset(2026, 3, 1, 8, 0, 3, TimeSpan.Zero), e.ModificationTime);
        });
        Assert.Equal(["a/b.txt", "z.txt"], DeterministicTarGz.Read(new MemoryStream(bytes)).Select(f => f.Path));
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("a/./b")]
    public void Reading_refuses_paths_that_leave_the_bundle(string path)
    {
        using var tar = new MemoryStream();
        using (var gzip = new GZipStream(tar, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Ustar))
        {
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, path) { DataStream = new MemoryStream([1]) });
        }

        tar.Position = 0;
        var ex = Assert.Throws<InvalidDataException>(() => DeterministicTarGz.Read(tar));
        Assert.Contains("climbs out", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_refuses_a_duplicate_entry_and_a_truncated_stream()
    {
        var bytes = DeterministicTarGz.Write([File("a.txt", "1")], Time);
        using var tar = new MemoryStream();
        using (var gzip = new GZipStream(tar, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Ustar))
        {
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "a.txt") { DataStream = new MemoryStream([1]) });
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "a.txt") { DataStream = new MemoryStream([2]) });
        }

        tar.Position = 0;
        Assert.Contains("appears twice", Assert.Throws<InvalidDataException>(() => DeterministicTarGz.Read(tar)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => DeterministicTarGz.Read(new MemoryStream(bytes[..(bytes.Length - 6)])));
    }
}
