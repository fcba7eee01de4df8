using System.Globalization;
using ComplianceScanner.Fuzz.Tests.Generation;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace ComplianceScanner.Fuzz.Tests.Harness;

/// <summary>
/// Runs a fuzz property with FsCheck: a fixed seed (FUZZ_SEED overrides it), a modest count in the normal test run and
/// FUZZ_COUNT for a long run. A failing input is saved under <c>fuzz-failures/</c> in the test output directory so it can
/// be kept in Corpus/ as a regression case; a summary line goes to the test output and to <c>fuzz-results.txt</c>.
/// </summary>
internal static class FuzzRunner
{
    private const ulong DefaultSeed = 20_261_126;

    public static int Count(int normal) =>
        int.TryParse(Environment.GetEnvironmentVariable("FUZZ_COUNT"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : normal;

    public static ulong Seed =>
        ulong.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;

    /// <summary>Checks <paramref name="property"/> on generated inputs; it returns a measurement or throws <see cref="FuzzFailureException"/>.</summary>
    public static FuzzStats Run(string name, Gen<FuzzCase> gen, Func<FuzzCase, Measured<bool>> property, int normalCount, ITestOutputHelper output)
    {
        var stats = new FuzzStats(name);
        var count = Count(normalCount);
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(count)
            .WithStartSize(1)
            .WithEndSize(100)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(Seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));
        try
        {
            Check.One(config, Prop.ForAll(Arb.From(gen), (FuzzCase input) => Once(name, input, property, stats)));
        }
        finally
        {
            stats.Stop();
            var line = stats.ToString();
            output.WriteLine(line);
            File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "fuzz-results.txt"), line + Environment.NewLine);
        }

        return stats;
    }

    private static void Once(string name, FuzzCase input, Func<FuzzCase, Measured<bool>> property, FuzzStats stats)
    {
        Measured<bool> measured;
        try
        {
            measured = property(input);
        }
        catch (Exception ex)
        {
            var saved = Save(name, input);
            throw new FuzzFailureException($"{input}: {(ex is FuzzFailureException ? ex.Message : "unexpected " + ex)}\ninput saved to {saved}", ex);
        }

        stats.Add(input, measured);
        if (stats.Inputs % 5_000 == 0)
        {
            // Long runs take a while: a progress line shows they are alive and how fast they go.
            File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "fuzz-progress.txt"), stats + Environment.NewLine);
        }
    }

    private static string Save(string name, FuzzCase input)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "fuzz-failures", name);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, input.Id + ".bin");
        File.WriteAllBytes(path, input.Bytes);
        File.WriteAllText(Path.ChangeExtension(path, ".txt"), input.Description);
        return path;
    }
}
