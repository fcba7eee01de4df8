using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Rules;

/// <summary>A rule: pure logic over the evaluation context. Parameters come from the config, never from code constants.</summary>
public interface IRule
{
    RuleDescriptor Descriptor { get; }

    IEnumerable<Finding> Evaluate(EvaluationContext context);
}
