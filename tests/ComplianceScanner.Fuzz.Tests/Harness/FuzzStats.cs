using System.Diagnostics;
using System.Globalization;
using ComplianceScanner.Fuzz.Tests.Generation;

namespace ComplianceScanner.Fuzz.Tests.Harness;

/// <summary>Counts and extremes of one fuzz run, for the summary line that docs/security.md quotes.</summary>
internal sealed class FuzzStats(string name)
{
    private readonly Stopwatch watch = Stopwatch.StartNew();

    public string Name { get; } = name;

    public int Inputs { get; private set; }

    /// <summary>Inputs that ended in at least one diagnostic (the property's result was true).</summary>
    public int Rejected { get; private set; }

    public int Pristine { get; private set; }

    public long TotalBytes { get; private set; }

    public long LargestInput { get; private set; }

    public TimeSpan Slowest { get; private set; }

    public string SlowestInput { get; private set; } = string.Empty;

    public long MostAllocated { get; private set; }

    public TimeSpan Total => watch.Elapsed;

    public void Stop() => watch.Stop();

    public void Add(FuzzCase input, Measured<bool> measured)
    {
        Inputs++;
        Rejected += measured.Result ? 1 : 0;
        Pristine += input.Pristine ? 1 : 0;
        TotalBytes += input.Bytes.Length;
        LargestInput = Math.Max(LargestInput, input.Bytes.Length);
        MostAllocated = Math.Max(MostAllocated, measured.AllocatedBytes);
        if (measured.Elapsed > Slowest)
        {
            Slowest = measured.Elapsed;
            SlowestInput = input.ToString();
        }
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Name}: {Inputs} inputs ({Pristine} pristine, {Rejected} ended in a diagnostic), {TotalBytes / 1048576.0:F1} MiB in total, largest {LargestInput / 1024.0:F0} KiB; total {Total.TotalSeconds:F1} s, slowest {Slowest.TotalMilliseconds:F0} ms ({Truncate(SlowestInput)}), most allocated by one input {MostAllocated / 1048576.0:F0} MiB");

    private static string Truncate(string text) => text.Length > 160 ? text[..160] + "..." : text;
}
