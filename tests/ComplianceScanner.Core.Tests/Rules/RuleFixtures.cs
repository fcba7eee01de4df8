using ComplianceScanner.Configuration;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.Snapshot.Manifests;

namespace ComplianceScanner.Core.Tests.Rules;

/// <summary>Runs the full rule catalogue over a fixture file plus the shared base objects, with the fixture layer model.</summary>
internal static class RuleFixtures
{
    public static readonly DateOnly Today = new(2026, 11, 26);

    public static string Root => Path.Combine(AppContext.BaseDirectory, "Rules", "Fixtures");

    public static IEnumerable<string> Files(string ruleId, string prefix) =>
        Directory.Exists(Path.Combine(Root, ruleId))
            ? Directory.GetFiles(Path.Combine(Root, ruleId), prefix + "*.yaml")
                .Where(f => !f.EndsWith(".scanner.yaml", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
            : [];

    /// <summary>The fixture's own <c>NAME.scanner.yaml</c> when it has one (governance rules judge the config), else the shared one.</summary>
    public static ScannerConfig Config(string fixture)
    {
        var own = Path.ChangeExtension(fixture, ".scanner.yaml");
        var path = File.Exists(own) ? own : Path.Combine(Root, "scanner.yaml");
        var result = ConfigLoader.LoadFile(path, Today);
        Assert.False(result.HasErrors, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Config!;
    }

    public static EvaluationResult Evaluate(string fixture)
    {
        var loaded = new ManifestLoader().Load([Path.Combine(Root, "base.yaml"), fixture]);
        Assert.True(loaded.Errors.IsEmpty, string.Join(Environment.NewLine, loaded.Errors));
        var context = new EvaluationContext(loaded.Snapshot, Config(fixture), Today);
        var result = new Evaluator(RuleCatalogue.All).Evaluate(context);
        Assert.Empty(result.Errors);
        return result;
    }

    public static List<Finding> Of(EvaluationResult result, string ruleId) => [.. result.Findings.Where(f => f.RuleId == ruleId)];
}
