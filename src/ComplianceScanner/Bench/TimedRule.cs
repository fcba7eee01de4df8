using System.Diagnostics;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Rules;

namespace ComplianceScanner.Bench;

/// <summary>
/// A rule that records how long enumerating its findings took (the bench's per-rule breakdown). Rules run in parallel,
/// so the list is locked and a rule's time is its own elapsed time while other rules share the cores.
/// </summary>
internal sealed class TimedRule(IRule inner, List<(string Stage, double Seconds, double AllocatedMiB, int Findings)> times) : IRule
{
    public RuleDescriptor Descriptor => inner.Descriptor;

    public IEnumerable<Finding> Evaluate(EvaluationContext context)
    {
        // Materialised here so the time covers the whole enumeration, not just the iterator's creation.
        var sw = Stopwatch.StartNew();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var findings = inner.Evaluate(context).ToList();
        var elapsed = sw.Elapsed.TotalSeconds;
        var mib = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1048576.0;
        lock (times)
        {
            times.Add((inner.Descriptor.Id, elapsed, mib, findings.Count));
        }

        return findings;
    }
}
