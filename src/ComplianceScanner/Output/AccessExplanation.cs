using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Output;

/// <summary>
/// <c>can-i --explain</c>: for yes, the chain of the grant the authorizer stops at (and the other grants that allow it);
/// for no, the bindings that were checked and the near misses (a RoleBinding in another namespace, resourceNames).
/// </summary>
internal static class AccessExplanation
{
    private const int MaxLines = 25;
    private const string Indent = "          ";

    public static void Write(TextWriter w, PermissionIndex index, UserInfo user, AuthorizationRequest request, AuthorizationDecision decision)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(decision);
        Line(w, "request:  ", request.ToString());
        Line(w, "user:     ", user.ToString());
        if (decision.Allowed)
        {
            WriteAllowed(w, decision);
        }
        else
        {
            WriteDenied(w, index, user, request, decision);
        }

        foreach (var error in decision.ResolutionErrors)
        {
            Line(w, "ignored:  ", error);
        }
    }

    private static void WriteAllowed(TextWriter w, AuthorizationDecision decision)
    {
        var first = decision.AllowedBy!;
        // The masters reason already starts with "allowed:".
        const string allowedPrefix = "allowed: ";
        var reason = decision.Reason.StartsWith(allowedPrefix, StringComparison.Ordinal) ? decision.Reason[allowedPrefix.Length..] : decision.Reason;
        Line(w, "allowed:  ", reason);
        var chain = first.Chain;
        Line(w, "chain:    ", chain[0]);
        foreach (var step in chain.Skip(1))
        {
            Line(w, Indent + "-> ", step);
        }

        Line(w, Indent + "scope: ", first.Scope);
        var others = decision.Matches.Where(g => !ReferenceEquals(g, first)).ToList();
        if (others.Count > 0)
        {
            w.WriteLine($"also allowed by {others.Count} more grant(s):");
            WriteCapped(w, others.Select(g => g.ToString()));
        }
    }

    private static void WriteDenied(TextWriter w, PermissionIndex index, UserInfo user, AuthorizationRequest request, AuthorizationDecision decision)
    {
        Line(w, "denied:   ", decision.Reason);
        var ns = request.IsResourceRequest ? request.Namespace : string.Empty;
        var scope = ns.Length == 0 ? "cluster-wide" : $"cluster-wide and in namespace {ns}";
        var grants = index.For(user).Grants;
        bool InScope(Grant g) => g.Namespace is null || (ns.Length > 0 && string.Equals(g.Namespace, ns, StringComparison.Ordinal));

        var checkedBindings = grants.Where(InScope).Where(g => g.Binding is not null)
            .DistinctBy(g => g.Binding!.Reference)
            .Select(g => $"{g.Binding!.Kind} {g.Binding.Metadata.QualifiedName} -> {g.Role!.DisplayName} (for {g.Subject})")
            .ToList();
        if (checkedBindings.Count == 0)
        {
            w.WriteLine($"checked:  no binding that applies to this user grants anything {scope}");
        }
        else
        {
            w.WriteLine($"checked:  {checkedBindings.Count} binding(s) of this user that apply {scope}; none has a matching rule:");
            WriteCapped(w, checkedBindings);
        }

        var misses = new List<string>();
        foreach (var g in grants)
        {
            if (!InScope(g) && RuleMatching.RuleAllows(g.Rule, request))
            {
                var why = !request.IsResourceRequest
                    ? "but RoleBindings never grant non-resource URLs"
                    : ns.Length == 0
                        ? $"but only in namespace {g.Namespace}; a RoleBinding never answers a cluster-scoped or all-namespaces request"
                        : $"but only in namespace {g.Namespace}";
                misses.Add($"{Describe(g)} allows it, {why}");
            }
            else if (InScope(g) && !g.Rule.ResourceNames.IsEmpty && request.IsResourceRequest
                && RuleMatching.RuleAllows(g.Rule with { ResourceNames = [] }, request))
            {
                var asked = request.Name.Length == 0 ? "the request names no object" : $"the request names \"{request.Name}\"";
                misses.Add($"{Describe(g)} allows it only for resourceNames [{string.Join(", ", g.Rule.ResourceNames)}]; {asked}");
            }
        }

        if (misses.Count > 0)
        {
            w.WriteLine("near misses:");
            WriteCapped(w, misses.Distinct(StringComparer.Ordinal));
        }
    }

    private static string Describe(Grant g) =>
        g.Binding is null ? g.Subject.ToString() : $"{g.Binding.Kind} {g.Binding.Metadata.QualifiedName} -> {g.Role!.DisplayName} rule #{g.RuleIndex} (for {g.Subject})";

    private static void WriteCapped(TextWriter w, IEnumerable<string> lines)
    {
        var all = lines.ToList();
        foreach (var line in all.Take(MaxLines))
        {
            Line(w, Indent, line);
        }

        if (all.Count > MaxLines)
        {
            w.WriteLine($"{Indent}... and {all.Count - MaxLines} more");
        }
    }

    // Every value printed here can carry names from the cluster: make control characters visible.
    private static void Line(TextWriter w, string label, string value) => w.WriteLine(label + TerminalText.Sanitize(value));
}
