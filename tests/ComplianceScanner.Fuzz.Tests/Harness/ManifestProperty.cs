using System.Globalization;
using System.Text;
using ComplianceScanner.Fuzz.Tests.Generation;
using ComplianceScanner.Snapshot.Manifests;

namespace ComplianceScanner.Fuzz.Tests.Harness;

/// <summary>
/// The manifest loader's contract under hostile input: it returns (never throws), within the hang cap and a memory
/// bound; every error and warning names this file, a real line and a readable message; valid input loads without
/// error, and the same documents as JSON load to the same objects.
/// </summary>
internal static class ManifestProperty
{
    public const string DisplayPath = "fuzz/input.yaml";

    /// <summary>Allocation allowed per input: a floor for the fixed costs plus a generous multiple of the input size.</summary>
    public static long AllocationCap(int inputBytes) => (256L * 1024 * 1024) + (200L * inputBytes);

    /// <summary>Checks one input; the result is true when it ended in at least one error.</summary>
    public static Measured<bool> Check(FuzzCase input)
    {
        var measured = Bounded.Run(input.Bytes.Length, () => Load(input.Bytes));
        var result = measured.Result;
        if (measured.AllocatedBytes > AllocationCap(input.Bytes.Length))
        {
            throw new FuzzFailureException($"allocated {measured.AllocatedBytes / 1048576} MiB for {input.Bytes.Length} bytes of input");
        }

        var maxLine = MessageChecks.MaxLine(Decode(input.Bytes));
        foreach (var (file, doc, line, message, what) in result.Errors.Select(e => (e.File, e.DocumentIndex, e.Line, e.Message, "error"))
                     .Concat(result.Warnings.Select(w => (w.File, w.DocumentIndex, w.Line, w.Message, "warning"))))
        {
            var shown = string.Create(CultureInfo.InvariantCulture, $"{what} '{file}: document {doc} (line {line}): {Cut(message)}'");
            MessageChecks.Clean(message, shown);
            if (file != DisplayPath || doc < -1 || line < -1 || line > maxLine)
            {
                throw new FuzzFailureException($"{shown}: does not name this file and a line of it (1..{maxLine})");
            }
        }

        if (input.Pristine && result.HasErrors)
        {
            throw new FuzzFailureException($"a valid input failed to load: {Cut(result.Errors[0].ToString())}");
        }

        if (input.JsonTwin is { } json)
        {
            var twin = Load(json);
            if (twin.HasErrors || twin.ObjectCount != result.ObjectCount || twin.Snapshot.Digest != result.Snapshot.Digest)
            {
                throw new FuzzFailureException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"the same documents as JSON load differently: YAML {result.ObjectCount} objects, digest {result.Snapshot.Digest}; JSON {twin.ObjectCount} objects, digest {twin.Snapshot.Digest}, {twin.Errors.Length} error(s) {(twin.HasErrors ? Cut(twin.Errors[0].ToString()) : string.Empty)}"));
            }
        }

        return new Measured<bool>(result.HasErrors, measured.Elapsed, measured.AllocatedBytes);
    }

    private static ManifestLoadResult Load(byte[] bytes) => new ManifestLoader(1).LoadBytes([(bytes, DisplayPath)]);

    private static string Decode(byte[] bytes) => bytes switch
    {
        [0xFF, 0xFE, 0x00, 0x00, ..] => Encoding.UTF32.GetString(bytes),
        [0xFF, 0xFE, ..] => Encoding.Unicode.GetString(bytes),
        [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode.GetString(bytes),
        _ => Encoding.UTF8.GetString(bytes),
    };

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "..." : text;
}
