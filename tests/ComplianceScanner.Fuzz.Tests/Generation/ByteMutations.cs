using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace ComplianceScanner.Fuzz.Tests.Generation;

/// <summary>
/// Mutations of the encoded file: byte order marks and other encodings, invalid UTF-8, NUL and control bytes, tabs,
/// very long lines, line-ending changes, truncation, directives and separators spliced in.
/// </summary>
internal static class ByteMutations
{
    private static readonly byte[][] Splices =
    [
        [0x00], [0x07], [0x1B, (byte)'[', (byte)'2', (byte)'J'], [0x80], [0xBF], [0xC0, 0xAF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFE], [0xFF], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0x09], [0x0D],
        [0x0B], [0x0C], [0x7F], [0xC2, 0x85], [0xE2, 0x80, 0xA8], [0xE2, 0x80, 0xAE], [0xEF, 0xBF, 0xBE],
        "\n---\n"u8.ToArray(), "\n...\n"u8.ToArray(), "%YAML 1.1\n"u8.ToArray(), "%YAML 9.9\n"u8.ToArray(), "%TAG ! tag:evil,2000:\n"u8.ToArray(),
        "\n\t"u8.ToArray(), "&a "u8.ToArray(), "*a "u8.ToArray(), "<<: "u8.ToArray(), ": "u8.ToArray(), "- "u8.ToArray(), "? "u8.ToArray(),
        "#"u8.ToArray(), "\""u8.ToArray(), "'"u8.ToArray(), "{"u8.ToArray(), "]"u8.ToArray(), "|"u8.ToArray(), "!!binary "u8.ToArray(),
    ];

    /// <summary>Zero to three byte-level mutations.</summary>
    public static Gen<(byte[] Bytes, string Description)> Some(byte[] bytes) =>
        from count in Gen.Frequency((6, Gen.Constant(0)), (4, Gen.Choose(1, 3)))
        from result in Apply(bytes, count, string.Empty)
        select result;

    private static Gen<(byte[] Bytes, string Description)> Apply(byte[] bytes, int count, string description) =>
        count == 0
            ? Gen.Constant((bytes, description))
            : One(bytes).SelectMany(m => Apply(m.Bytes, count - 1, description + "; " + m.Description));

    public static Gen<(byte[] Bytes, string Description)> One(byte[] bytes)
    {
        var offset = Gen.Choose(0, bytes.Length);
        return Gen.Frequency(
            (4, from o in offset from s in Gen.Elements(Splices) select (Insert(bytes, o, s), $"bytes {Convert.ToHexString(s)} inserted at {o}")),
            (2, from o in offset from b in Gen.Choose(0, 255) select (Overwrite(bytes, o, (byte)b), $"byte at {o} set to {b:X2}")),
            (2, from bom in Gen.Choose(0, 5) select Encode(bytes, bom)),
            (1, from o in offset select (bytes[..o], $"truncated at {o}")),
            (1, from o in offset from n in Gen.Choose(1, 8) select (Insert(bytes, LineStart(bytes, o), Enumerable.Repeat((byte)'\t', n).ToArray()), $"{n} tab(s) at the line start before {o}")),
            (1, from o in offset from len in Gen.Frequency((8, Gen.Choose(1_000, 20_000)), (1, Gen.Choose(20_000, 1_000_000))) from c in Gen.Elements("a", "é", " ", "#", "x: ")
                select (Insert(bytes, LineStart(bytes, o), Encoding.UTF8.GetBytes(HostileText.Repeat(c, len) + "\n")), $"line of {len} '{c}' at the line start before {o}")),
            (1, Gen.Elements(
                (Replace(bytes, "\n"u8, "\r\n"u8), "CRLF line ends"),
                (Replace(bytes, "\n"u8, "\r"u8), "CR-only line ends"),
                (Replace(bytes, "  "u8, "\t"u8), "indentation by tabs"),
                (Replace(bytes, ": "u8, ":\t"u8), "tab after colons"),
                (Replace(bytes, "k"u8, "\u043a"u8), "Cyrillic ka for k"))),
            (1, from o in offset select (Insert(bytes, LineStart(bytes, o), LineAt(bytes, o)), $"line at {o} duplicated")));
    }

    private static (byte[], string) Encode(byte[] utf8, int variant)
    {
        var text = Encoding.UTF8.GetString(utf8);
        return variant switch
        {
            0 => ([0xEF, 0xBB, 0xBF, .. utf8], "UTF-8 BOM"),
            1 => ([0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)], "UTF-16LE with BOM"),
            2 => ([0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)], "UTF-16BE with BOM"),
            3 => ([0xFF, 0xFE, 0x00, 0x00, .. Encoding.UTF32.GetBytes(text)], "UTF-32LE with BOM"),
            4 => (Encoding.Unicode.GetBytes(text), "UTF-16LE without BOM"),
            _ => ([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. utf8], "two UTF-8 BOMs"),
        };
    }

    private static byte[] Insert(byte[] bytes, int at, byte[] what) => [.. bytes.AsSpan(0, at), .. what, .. bytes.AsSpan(at)];

    private static byte[] Overwrite(byte[] bytes, int at, byte value)
    {
        var copy = (byte[])bytes.Clone();
        if (at < copy.Length)
        {
            copy[at] = value;
        }

        return copy;
    }

    private static int LineStart(byte[] bytes, int at) => at == 0 ? 0 : bytes.AsSpan(0, at).LastIndexOf((byte)'\n') + 1;

    private static byte[] LineAt(byte[] bytes, int at)
    {
        var start = LineStart(bytes, at);
        var end = bytes.AsSpan(start).IndexOf((byte)'\n');
        return end < 0 ? [.. bytes.AsSpan(start), (byte)'\n'] : bytes.AsSpan(start, end + 1).ToArray();
    }

    private static byte[] Replace(byte[] bytes, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        var result = new List<byte>(bytes.Length + 64);
        var rest = bytes.AsSpan();
        while (rest.IndexOf(from) is var i and >= 0)
        {
            result.AddRange(rest[..i]);
            result.AddRange(to);
            rest = rest[(i + from.Length)..];
        }

        result.AddRange(rest);
        return [.. result];
    }
}
