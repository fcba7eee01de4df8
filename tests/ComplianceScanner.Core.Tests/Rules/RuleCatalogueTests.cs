using System.Text.RegularExpressions;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Core.Tests.Rules;

/// <summary>Catalogue discipline, enforced for every rule at once: id format, uniqueness, doc page, fixtures.</summary>
public sealed partial class RuleCatalogueTests
{
    public static TheoryData<string> RuleIds() => [.. RuleCatalogue.Descriptors.Select(d => d.Id)];

    [GeneratedRegex("^SOD-(ING|RBAC|GW|GOV)-[0-9]{3}$")]
    private static partial Regex IdFormat();

    [Fact]
    public void Rule_ids_are_unique_and_well_formed()
    {
        var ids = RuleCatalogue.Descriptors.Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches(IdFormat(), id));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Every_rule_has_a_doc_page_without_placeholders(string id)
    {
        var path = RepoPaths.At("docs", "rules", id + ".md");
        Assert.True(File.Exists(path), $"missing {path}");
        var text = File.ReadAllText(path);
        Assert.StartsWith($"# {id}: ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("TODO", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("TBD", text, StringComparison.Ordinal);
        var descriptor = RuleCatalogue.Descriptors.Single(d => d.Id == id);
        Assert.Contains(descriptor.Title, text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Every_rule_has_failing_and_passing_fixtures(string id)
    {
        Assert.NotEmpty(RuleFixtures.Files(id, "fail-"));
        Assert.NotEmpty(RuleFixtures.Files(id, "pass-"));
    }

    [Fact]
    public void Every_doc_page_belongs_to_a_rule()
    {
        var ids = RuleCatalogue.Descriptors.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var pages = Directory.GetFiles(RepoPaths.At("docs", "rules"), "SOD-*.md").Select(Path.GetFileNameWithoutExtension);
        Assert.All(pages, p => Assert.Contains(p!, ids));
    }

    [Fact]
    public void Every_rule_has_a_title_and_remediation()
    {
        Assert.All(RuleCatalogue.Descriptors, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Title));
            Assert.True(d.Remediation.Length > 20, d.Id);
        });
    }
}
