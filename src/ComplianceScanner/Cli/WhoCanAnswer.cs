using System.Collections.Immutable;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Cli;

/// <summary>The answer of <c>who-can</c>: the question and every subject allowed, each with the grants that allow it.</summary>
/// <param name="Query">The parsed question.</param>
/// <param name="Scope">Where it was asked: <c>namespace shop</c>, <c>cluster-wide</c> or <c>any namespace</c>.</param>
/// <param name="Subjects">Subjects as bindings name them, <c>system:masters</c> first, then sorted; one grant per binding.</param>
internal sealed record WhoCanAnswer(AccessQuery Query, string Scope, ImmutableArray<SubjectAccess> Subjects)
{
    /// <summary><c>"get" resource "secrets"</c> and the scope: the question in the authorizer's wording.</summary>
    public string Question
    {
        get
        {
            var text = Query.Request.ToString();
            const string clusterWide = " cluster-wide";
            return Scope == WhoCanCommand.AnyNamespaceScope && text.EndsWith(clusterWide, StringComparison.Ordinal)
                ? text[..^clusterWide.Length] + " in any namespace"
                : text;
        }
    }
}
