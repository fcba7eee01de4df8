using System.Collections.Immutable;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Tests.Evaluation;

/// <summary>
/// NamespaceOwnership indexes teams by exact name and by their selector's first matchLabels pair; it must answer exactly
/// as asking every team in config order would.
/// </summary>
public sealed class NamespaceOwnershipTests
{
    [Fact]
    public void Names_globs_and_selectors_resolve_to_the_first_owning_team_in_config_order()
    {
        var config = new ScannerConfig
        {
            Teams =
            [
                Team("globs", namespaces: ["shop-*"]),
                Team("exact", namespaces: ["blog", "shop-1"]),
                Team("labels", selector: new LabelSelector { MatchLabels = ImmutableSortedDictionary<string, string>.Empty.Add("team", "labels") }),
                Team("by-name-label", selector: new LabelSelector { MatchLabels = ImmutableSortedDictionary<string, string>.Empty.Add("kubernetes.io/metadata.name", "wiki") }),
                Team("expressions", selector: new LabelSelector { MatchExpressions = [new LabelSelectorRequirement("tier", "In", ["edge"])] }),
                Team("labels-and-expressions", selector: new LabelSelector
                {
                    MatchLabels = ImmutableSortedDictionary<string, string>.Empty.Add("team", "both"),
                    MatchExpressions = [new LabelSelectorRequirement("env", "NotIn", ["prod"])],
                }),
            ],
            ClusterLayer = LayerDefinition.Empty with { Namespaces = ["infra-*"] },
            SecurityLayer = LayerDefinition.Empty with { Namespaces = ["security"] },
        };
        var ownership = new NamespaceOwnership(config, [
            Ns("shop-1"), Ns("blog"), Ns("app", ("team", "labels")), Ns("wiki"), Ns("edge", ("tier", "edge")),
            Ns("both-dev", ("team", "both"), ("env", "dev")), Ns("both-prod", ("team", "both"), ("env", "prod")),
            Ns("infra-dns"), Ns("security"), Ns("nobody", ("team", "ghost"))]);

        Assert.Equal("globs", ownership.TeamOf("shop-1")?.Name); // glob team comes first in config order
        Assert.Equal("exact", ownership.TeamOf("blog")?.Name);
        Assert.Equal("labels", ownership.TeamOf("app")?.Name);
        Assert.Equal("by-name-label", ownership.TeamOf("wiki")?.Name);
        Assert.Equal("expressions", ownership.TeamOf("edge")?.Name);
        Assert.Equal("labels-and-expressions", ownership.TeamOf("both-dev")?.Name);
        Assert.Null(ownership.TeamOf("both-prod"));
        Assert.Equal(Layer.Cluster, ownership.OwnerOf("infra-dns").Layer);
        Assert.Equal(Layer.Cluster, ownership.OwnerOf("kube-system").Layer);
        Assert.Equal(Layer.Security, ownership.OwnerOf("security").Layer);
        Assert.Equal(Layer.Undeclared, ownership.OwnerOf("nobody").Layer);
        Assert.Equal(Layer.Undeclared, ownership.OwnerOf("not-in-the-snapshot").Layer);
    }

    [Fact]
    public void An_empty_selector_owns_every_namespace_not_claimed_by_an_earlier_team()
    {
        var config = new ScannerConfig { Teams = [Team("first", namespaces: ["a"]), Team("everything", selector: new LabelSelector())] };
        var ownership = new NamespaceOwnership(config, [Ns("a"), Ns("b")]);
        Assert.Equal("first", ownership.TeamOf("a")?.Name);
        Assert.Equal("everything", ownership.TeamOf("b")?.Name);
        Assert.Equal("everything", ownership.TeamOf("absent")?.Name);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void The_index_answers_as_asking_every_team_in_order(int seed)
    {
        var random = new Random(seed);
        string[] values = ["a", "b", "c"];
        string[] keys = ["team", "tier", "env"];
        var names = Enumerable.Range(0, 60).Select(i => $"ns-{values[random.Next(3)]}{i}").Distinct().ToList();
        var namespaces = names.Select(n => Ns(n, [.. keys.Where(_ => random.Next(2) == 0).Select(k => (k, values[random.Next(3)]))])).ToList();
        var teams = Enumerable.Range(0, 25).Select(t =>
        {
            var own = random.Next(4) switch
            {
                0 => ImmutableArray<string>.Empty,
                1 => [names[random.Next(names.Count)]],
                2 => [$"ns-{values[random.Next(3)]}*"],
                _ => [names[random.Next(names.Count)], $"ns-?{random.Next(10)}"],
            };
            var matchLabels = ImmutableSortedDictionary<string, string>.Empty;
            for (var k = random.Next(3); k > 0; k--)
            {
                matchLabels = matchLabels.SetItem(keys[random.Next(3)], values[random.Next(3)]);
            }

            LabelSelector? selector = random.Next(3) switch
            {
                0 => null,
                1 => new LabelSelector { MatchLabels = matchLabels },
                _ => new LabelSelector
                {
                    MatchLabels = matchLabels,
                    MatchExpressions = [new LabelSelectorRequirement(keys[random.Next(3)], random.Next(2) == 0 ? "Exists" : "NotIn", [values[random.Next(3)]])],
                },
            };
            return Team($"team-{t}", own, selector);
        }).ToImmutableArray();
        var config = new ScannerConfig { Teams = teams };
        var ownership = new NamespaceOwnership(config, namespaces);
        foreach (var name in names.Append("absent"))
        {
            var expected = teams.FirstOrDefault(t => ownership.TeamOwns(t, name));
            Assert.Equal(expected?.Name, ownership.TeamOf(name)?.Name);
        }
    }

    private static TeamDefinition Team(string name, ImmutableArray<string> namespaces = default, LabelSelector? selector = null) => new()
    {
        Name = name,
        Namespaces = namespaces.IsDefault ? [] : namespaces,
        NamespaceSelector = selector,
    };

    private static NamespaceObject Ns(string name, params (string Key, string Value)[] labels) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            Labels = labels.Aggregate(ImmutableSortedDictionary<string, string>.Empty, (d, l) => d.SetItem(l.Key, l.Value)),
        },
    };
}
