using System.Globalization;
using ComplianceScanner.Configuration.Binding;
using ComplianceScanner.Core.Evaluation;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Validation;

/// <summary>
/// Checks that relate entries across the file: each namespace and each subject belongs to one owner only.
/// The later entry (in file order) is the one reported, pointing back at the earlier one.
/// </summary>
internal static class ClaimChecks
{
    public static void CheckNamespaces(IReadOnlyList<NamespaceClaim> claims, DiagnosticBag diagnostics)
    {
        var ordered = claims.OrderBy(c => c.Node.Start.Index).ToList();
        var literals = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var patterns = new List<int>();
        for (var k = 0; k < ordered.Count; k++)
        {
            var claim = ordered[k];
            if (!claim.Owner.IsClusterLayer && KubernetesNamespaceMatch(claim.Pattern) is { } system)
            {
                diagnostics.Error(
                    claim.Node,
                    claim.Path,
                    ConfigDiagnosticCodes.NamespaceConflict,
                    $"{claim.Owner.Display} cannot own {NodeText.Quote(claim.Pattern)}: {(Core.Text.Glob.IsPattern(claim.Pattern) ? $"it matches {system}, and " : string.Empty)}Kubernetes' own namespaces ({string.Join(", ", NamespaceOwnership.KubernetesNamespaces)}) always belong to the cluster layer.");
                Remember(claim, k, literals, patterns);
                continue;
            }

            if (FirstConflict(ordered, k, literals, patterns) is { } found)
            {
                diagnostics.Error(
                    claim.Node,
                    claim.Path,
                    ConfigDiagnosticCodes.NamespaceConflict,
                    $"{Conflict(claim, ordered[found.Index], found.Example)}. A namespace belongs to one team or layer only.");
            }

            Remember(claim, k, literals, patterns);
        }
    }

    /// <summary>
    /// The earliest claim before <paramref name="k"/> of another owner that can match a namespace this one matches.
    /// Plain names are looked up by name and only patterns are compared pairwise, so a layer listing thousands of
    /// namespaces checks in linear time (a pairwise check of every entry was quadratic: seconds for 17,000 names).
    /// </summary>
    private static (int Index, string Example)? FirstConflict(List<NamespaceClaim> ordered, int k, Dictionary<string, List<int>> literals, List<int> patterns)
    {
        var claim = ordered[k];
        (int Index, string Example)? best = null;
        void Consider(int e)
        {
            var earlier = ordered[e];
            if ((best is null || e < best.Value.Index)
                && earlier.Owner != claim.Owner
                && GlobOverlap.CommonMatch(earlier.Pattern, claim.Pattern) is { } example)
            {
                best = (e, example);
            }
        }

        if (Core.Text.Glob.IsPattern(claim.Pattern))
        {
            foreach (var list in literals.Values)
            {
                list.ForEach(Consider);
            }
        }
        else if (literals.TryGetValue(claim.Pattern, out var same))
        {
            same.ForEach(Consider);
        }

        patterns.ForEach(Consider);
        return best;
    }

    private static void Remember(NamespaceClaim claim, int index, Dictionary<string, List<int>> literals, List<int> patterns)
    {
        if (Core.Text.Glob.IsPattern(claim.Pattern))
        {
            patterns.Add(index);
        }
        else if (literals.TryGetValue(claim.Pattern, out var list))
        {
            list.Add(index);
        }
        else
        {
            literals[claim.Pattern] = [index];
        }
    }

    public static void CheckSubjects(IReadOnlyList<SubjectClaim> claims, DiagnosticBag diagnostics)
    {
        foreach (var group in claims.GroupBy(c => c.Subject))
        {
            var ordered = group.OrderBy(c => c.Node.Start.Index).ToList();
            foreach (var later in ordered.Skip(1))
            {
                var first = ordered[0];
                var where = first.Owner == later.Owner ? $"also listed earlier in {first.Owner.Display}" : $"already declared in {first.Owner.Display}";
                diagnostics.Error(
                    later.Node,
                    later.Path,
                    ConfigDiagnosticCodes.DuplicateSubject,
                    $"subject {later.Subject} is {where} {Where(first.Path, first.Node)}. A subject belongs to one layer or team only.");
            }
        }
    }

    private static string Conflict(NamespaceClaim claim, NamespaceClaim earlier, string example)
    {
        var where = $"of {earlier.Owner.Display} {Where(earlier.Path, earlier.Node)}";
        var claimIsGlob = Core.Text.Glob.IsPattern(claim.Pattern);
        var earlierIsGlob = Core.Text.Glob.IsPattern(earlier.Pattern);
        if (string.Equals(claim.Pattern, earlier.Pattern, StringComparison.Ordinal))
        {
            return $"{NodeText.Quote(claim.Pattern)} is already claimed by {earlier.Owner.Display} {Where(earlier.Path, earlier.Node)}";
        }

        return (claimIsGlob, earlierIsGlob) switch
        {
            (false, _) => $"namespace {NodeText.Quote(claim.Pattern)} is also matched by {NodeText.Quote(earlier.Pattern)} {where}",
            (true, false) => $"{NodeText.Quote(claim.Pattern)} matches namespace {NodeText.Quote(earlier.Pattern)} {where}",
            _ => $"{NodeText.Quote(claim.Pattern)} overlaps {NodeText.Quote(earlier.Pattern)} {where}: both match {NodeText.Quote(example)}",
        };
    }

    /// <summary>"(layers.cluster.subjects[0], line 9)": where an earlier entry is, for messages.</summary>
    public static string Where(string path, YamlNode node) =>
        string.Create(CultureInfo.InvariantCulture, $"({path}, line {node.Start.Line})");

    private static string? KubernetesNamespaceMatch(string pattern) =>
        NamespaceOwnership.KubernetesNamespaces.FirstOrDefault(ns => Core.Text.Glob.Matches(pattern, ns));
}
