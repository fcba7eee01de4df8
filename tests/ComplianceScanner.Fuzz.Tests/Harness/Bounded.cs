using System.Diagnostics;

namespace ComplianceScanner.Fuzz.Tests.Harness;

/// <summary>
/// Runs one input on a pool thread with a generous wall-clock cap (a hang detector, not a benchmark) and measures what
/// it allocated on that thread.
/// </summary>
internal static class Bounded
{
    /// <summary>
    /// Far above what any input needs on an idle machine (the slowest, a few MiB, take about a second); the allowance per
    /// MiB keeps a busy CI machine from turning a large input into a false alarm.
    /// </summary>
    public static TimeSpan HangCap(int inputBytes) => TimeSpan.FromSeconds(10 + (20.0 * inputBytes / (1024 * 1024)));

    public static Measured<T> Run<T>(int inputBytes, Func<T> work)
    {
        var cap = HangCap(inputBytes);
        var task = Task.Run(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            var result = work();
            return new Measured<T>(result, watch.Elapsed, GC.GetAllocatedBytesForCurrentThread() - before);
        });
        if (!task.Wait(cap))
        {
            throw new FuzzFailureException($"did not finish within {cap.TotalSeconds:F0} s (a hang?)");
        }

        return task.Result;
    }
}
