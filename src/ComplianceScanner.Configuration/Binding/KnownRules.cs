using ComplianceScanner.Core.Rules;
using ComplianceScanner.Core.Text;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>Checks that a rule id (or id glob) names at least one rule of the catalogue, suggesting the closest id when not.</summary>
internal static class KnownRules
{
    private static readonly string[] Ids = [.. RuleCatalogue.Descriptors.Select(d => d.Id)];

    public static bool Check(BindingContext context, Located<string> id)
    {
        if (Ids.Any(known => Glob.Matches(id.Value, known)))
        {
            return true;
        }

        context.Diagnostics.Error(
            id.Node,
            id.Path,
            ConfigDiagnosticCodes.UnknownRule,
            $"{NodeText.Quote(id.Value)} names no rule.{Suggestions.Hint(id.Value, Ids)} The rules are listed in docs/rules/.");
        return false;
    }
}
