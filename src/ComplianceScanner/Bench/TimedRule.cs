using System.Diagnostics;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Rules;

namespace ComplianceScanner.Bench;

/// <summary>A rule that records how long enumerating its findings took (the bench's per-rule breakdown).</summary>
internal sealed class TimedRule(IRule inner, List<(string Stage, double Seconds)> times) : IRule
{
    public RuleDescriptor Descriptor => inner.Descriptor;

    public IEnumerable<Finding> Evaluate(EvaluationContext context)
    {
        // Materialised here so the time covers the whole enumeration, not just the iterator's creation.
        var sw = Stopwatch.StartNew();
        var findings = inner.Evaluate(context).ToList();
        times.Add((inner.Descriptor.Id, sw.Elapsed.TotalSeconds));
        return findings;
    }
}
