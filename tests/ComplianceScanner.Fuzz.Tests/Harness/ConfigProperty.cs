using System.Globalization;
using System.Text;
using ComplianceScanner.Configuration;
using ComplianceScanner.Fuzz.Tests.Generation;

namespace ComplianceScanner.Fuzz.Tests.Harness;

/// <summary>
/// The scanner.yaml loader's contract under hostile input: it returns (never throws) within the hang cap and a memory
/// bound; a config comes back exactly when there is no error; every diagnostic names this file, a real line and a
/// readable message with a code; valid input loads without error.
/// </summary>
internal static class ConfigProperty
{
    public const string DisplayPath = "fuzz/scanner.yaml";

    /// <summary>The scan date the loader judges exception expiry by: fixed, so runs repeat.</summary>
    public static readonly DateOnly Today = new(2025, 6, 1);

    public static long AllocationCap(int inputBytes) => (256L * 1024 * 1024) + (200L * inputBytes);

    public static Measured<bool> Check(FuzzCase input)
    {
        var baseDirectory = Path.Combine(AppContext.BaseDirectory, "fuzz-config-base");
        var measured = Bounded.Run(input.Bytes.Length, () => ConfigLoader.LoadBytes(input.Bytes, DisplayPath, Today, baseDirectory));
        var result = measured.Result;
        if (measured.AllocatedBytes > AllocationCap(input.Bytes.Length))
        {
            throw new FuzzFailureException($"allocated {measured.AllocatedBytes / 1048576} MiB for {input.Bytes.Length} bytes of input");
        }

        if ((result.Config is null) != result.HasErrors)
        {
            throw new FuzzFailureException($"config {(result.Config is null ? "missing" : "returned")} with {result.Errors.Length} error(s)");
        }

        var maxLine = MessageChecks.MaxLine(Encoding.UTF8.GetString(input.Bytes));
        foreach (var d in result.Diagnostics)
        {
            var shown = d.ToString();
            shown = shown.Length > 300 ? shown[..300] + "..." : shown;
            MessageChecks.Clean(d.Message, shown);
            if (d.File != DisplayPath || d.Line < 0 || d.Line > maxLine || d.Column < 0 || string.IsNullOrEmpty(d.Code))
            {
                throw new FuzzFailureException(string.Create(CultureInfo.InvariantCulture, $"{shown}: does not name this file, a line of it (1..{maxLine}) and a code"));
            }

            if (d.Field.Length > MessageChecks.MaxMessageLength)
            {
                throw new FuzzFailureException($"{shown}: field path of {d.Field.Length} chars");
            }
        }

        if (input.Pristine && result.HasErrors)
        {
            throw new FuzzFailureException("a valid config failed to load: " + result.Errors[0]);
        }

        return new Measured<bool>(result.HasErrors, measured.Elapsed, measured.AllocatedBytes);
    }
}
