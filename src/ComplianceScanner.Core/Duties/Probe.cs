using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Duties;

/// <summary>
/// A described permission the analysis looks for in every subject's grants: one rule of a duty, or a capability.
/// </summary>
/// <param name="Index">Position in the analysis' probe list (the order of hits).</param>
/// <param name="Duty">The duty the rule belongs to; null for a capability.</param>
/// <param name="Capability">The capability; meaningful only when <paramref name="Duty"/> is null.</param>
/// <param name="Rule">The described rule.</param>
/// <param name="IncludeNames">Also collect grants limited to resourceNames (capabilities on named objects).</param>
internal sealed record Probe(int Index, string? Duty, Capability Capability, PolicyRule Rule, bool IncludeNames);
