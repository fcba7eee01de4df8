using System.Formats.Tar;
using System.IO.Compression;
using System.IO.Hashing;

namespace ComplianceScanner.Evidence;

/// <summary>
/// Writes and reads the bundle archive. Writing is deterministic: ustar entries (no pax extended headers, which could
/// carry access and change times), sorted by path, each with mode 0644, uid/gid 0, no user or group name, and the
/// same modification time; gzip with a zero timestamp and a fixed OS byte. The same files give the same bytes.
/// </summary>
internal static class DeterministicTarGz
{
    /// <summary>Largest file accepted when reading a bundle (bounds memory on hostile input).</summary>
    public const long MaxEntrySize = 512L * 1024 * 1024;

    /// <summary>Largest decompressed archive accepted when reading a bundle (bounds memory on a gzip bomb).</summary>
    public const long MaxArchiveSize = 1024L * 1024 * 1024;

    /// <summary>Most entries accepted when reading a bundle.</summary>
    public const int MaxEntries = 100_000;

    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>The gzip header's OS byte: 255, "unknown", rather than the platform zlib reports.</summary>
    private const byte UnknownOs = 255;

    public static byte[] Write(IEnumerable<BundleFile> files, DateTimeOffset modified)
    {
        ArgumentNullException.ThrowIfNull(files);

        // Whole seconds: ustar stores seconds, and a fraction must not make two writes differ.
        var mtime = DateTimeOffset.FromUnixTimeSeconds(modified.ToUnixTimeSeconds());
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                var entry = new UstarTarEntry(TarEntryType.RegularFile, file.Path)
                {
                    ModificationTime = mtime,
                    Mode = FileMode,
                    Uid = 0,
                    Gid = 0,
                    UserName = string.Empty,
                    GroupName = string.Empty,
                    DataStream = new MemoryStream(file.Content, writable: false),
                };
                writer.WriteEntry(entry);
            }
        }

        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            tar.Position = 0;
            tar.CopyTo(gzip);
        }

        var bytes = output.ToArray();

        // RFC 1952 header: ID1 ID2 CM FLG MTIME(4) XFL OS. The header is outside the CRC, so normalising it keeps the
        // stream valid; MTIME is already 0 (no file name or time is given to zlib), OS varies by platform.
        bytes[4] = bytes[5] = bytes[6] = bytes[7] = 0;
        bytes[9] = UnknownOs;
        return bytes;
    }

    /// <summary>Reads every regular file of a tar.gz.</summary>
    /// <exception cref="InvalidDataException">
    /// Not gzip or tar, truncated, a CRC or length mismatch in the gzip trailer, data after the archive, an entry that is
    /// not a regular file, a path that is absolute or climbs out (<c>..</c>), a duplicate path, or beyond the size
    /// limits. The message says which.
    /// </exception>
    public static List<BundleFile> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var compressed = new MemoryStream();
        stream.CopyTo(compressed);
        var gz = compressed.GetBuffer().AsSpan(0, (int)compressed.Length);
        if (gz.Length < 18 || gz[0] != 0x1f || gz[1] != 0x8b)
        {
            throw new InvalidDataException("not a gzip file");
        }

        var tar = Inflate(compressed);

        // GZipStream neither checks the trailer nor notices a truncated one or a second member appended: check that the
        // file ends in exactly the CRC-32 and length of everything it decompresses to.
        var crc = BitConverter.ToUInt32(gz[^8..^4]);
        var size = BitConverter.ToUInt32(gz[^4..]);
        if (!BitConverter.IsLittleEndian)
        {
            crc = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(crc);
            size = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(size);
        }

        if (crc != Crc32.HashToUInt32(tar) || size != unchecked((uint)tar.Length))
        {
            throw new InvalidDataException("the gzip trailer does not match the content (a changed, truncated or appended archive)");
        }

        return ReadTar(tar);
    }

    private static byte[] Inflate(MemoryStream compressed)
    {
        compressed.Position = 0;
        using var output = new MemoryStream();
        try
        {
            using var gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true);
            var buffer = new byte[81920];
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                if (output.Length + read > MaxArchiveSize)
                {
                    throw new InvalidDataException($"the archive decompresses to more than {MaxArchiveSize} bytes");
                }

                output.Write(buffer, 0, read);
            }
        }
        catch (IOException ex)
        {
            throw new InvalidDataException($"not a readable gzip stream: {ex.Message}", ex);
        }

        return output.ToArray();
    }

    private static List<BundleFile> ReadTar(byte[] tar)
    {
        var files = new List<BundleFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var input = new MemoryStream(tar, writable: false);
        try
        {
            using var reader = new TarReader(input, leaveOpen: true);
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    throw new InvalidDataException($"entry {entry.Name} is a {entry.EntryType}, not a regular file; bundles hold files only");
                }

                var name = entry.Name;
                if (name.Length == 0 || name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Split('/').Any(p => p is "" or "." or ".."))
                {
                    throw new InvalidDataException($"entry '{name}' has a path that is absolute, empty or climbs out of the bundle");
                }

                if (!seen.Add(name))
                {
                    throw new InvalidDataException($"entry {name} appears twice");
                }

                if (entry.Length > MaxEntrySize || files.Count >= MaxEntries)
                {
                    throw new InvalidDataException($"entry {name} exceeds the bundle limits ({MaxEntrySize} bytes per file, {MaxEntries} files)");
                }

                using var content = new MemoryStream((int)entry.Length);
                entry.DataStream?.CopyTo(content);
                files.Add(new BundleFile(name, content.ToArray()));
            }
        }
        catch (Exception ex) when (ex is FormatException or EndOfStreamException or ArgumentException or NotSupportedException)
        {
            throw new InvalidDataException($"not a readable tar archive: {ex.Message}", ex);
        }

        // After the end-of-archive marker only zero padding may follow: anything else was appended.
        if (tar.AsSpan((int)input.Position).ContainsAnyExcept((byte)0))
        {
            throw new InvalidDataException("data follows the end of the tar archive (appended after signing)");
        }

        return files;
    }
}
