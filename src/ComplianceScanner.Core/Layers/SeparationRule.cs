using System.Collections.Immutable;
using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Layers;

/// <summary>A toxic combination: no single subject may hold all of these duties in the given scope.</summary>
/// <param name="Name">Name shown in findings.</param>
/// <param name="Duties">The duties that must not meet in one subject.</param>
/// <param name="Beyond">
/// <c>own-namespaces</c>: a team may combine them inside its own namespaces but nowhere else;
/// <c>anywhere</c>: nobody may combine them at all.
/// </param>
/// <param name="Severity">Severity of the finding.</param>
public sealed record SeparationRule(string Name, ImmutableArray<string> Duties, string Beyond, Severity Severity)
{
    public const string BeyondOwnNamespaces = "own-namespaces";
    public const string BeyondAnywhere = "anywhere";
}
