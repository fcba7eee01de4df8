using System.Collections.Immutable;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// SOD-RBAC-010: grants to everybody. Any binding naming User <c>system:anonymous</c> or Group
/// <c>system:unauthenticated</c> (requests without credentials), whatever it grants; and grants to Group
/// <c>system:authenticated</c> (every user and every service account token) beyond read-only discovery: a verb other than
/// get/list/watch, Secret reads, exec/attach/port-forward/proxy through get, or any permission a duty describes.
/// One finding per subject and binding.
/// </summary>
public sealed class UnauthenticatedAccessRule : SubjectRuleBase
{
    public const string NonReadVerbs = "non-read verbs";
    public const string SecretReads = "secret reads";
    public const string ExecOrProxy = "exec or proxy";

    private static readonly ImmutableArray<string> ReadVerbs = ["get", "list", "watch"];

    /// <summary>Subresources a GET reaches through to a container or an endpoint (websocket exec, proxies).</summary>
    private static readonly ImmutableArray<(string Resource, string Subresource)> PassThrough =
    [
        ("pods", "exec"), ("pods", "attach"), ("pods", "portforward"), ("pods", "proxy"), ("services", "proxy"), ("nodes", "proxy"),
    ];

    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-RBAC-010",
        "Anonymous, unauthenticated or all-authenticated grant",
        Severity.High,
        Layer.Cluster,
        "rbac",
        "Remove system:anonymous and system:unauthenticated from the binding; bind the permission to the users, groups or "
        + "service accounts that need it instead of system:authenticated (which includes every service account of every "
        + "namespace). Keep system:authenticated to read-only discovery.");

    protected override IReadOnlyCollection<Subject>? ConcernedSubjects { get; } =
        [Subject.User(UserInfo.AnonymousUser), Subject.Group(UserInfo.UnauthenticatedGroup), Subject.Group(UserInfo.AuthenticatedGroup)];

    protected override bool Concerns(Subject subject) =>
        (subject.Kind == Subject.UserKind && subject.Name == UserInfo.AnonymousUser)
        || (subject.Kind == Subject.GroupKind && subject.Name is UserInfo.UnauthenticatedGroup or UserInfo.AuthenticatedGroup);

    // The broad identities are judged even if someone listed them in a layer: no layer owns everybody.
    protected override bool Exempt(SubjectStanding standing) => false;

    protected override Finding? Judge(SubjectStandings standings, SubjectStanding standing, SubjectBinding binding)
    {
        var authenticated = binding.Subject.Name == UserInfo.AuthenticatedGroup;
        var evidence = new List<Evidence>
        {
            RbacEvidence.Subject(binding.Subject, standing),
            RbacEvidence.Binding(binding.Binding, standings.Context),
        };
        if (binding.Role is not { } role)
        {
            if (authenticated)
            {
                // Grants nothing now; SOD-RBAC-012 reports the missing role.
                return null;
            }

            evidence.Add(RbacEvidence.MissingRole(binding.Binding.RoleRef, binding.Namespace));
            return Report(
                standings,
                standing,
                binding,
                $"{binding.Subject} is named by {binding.Binding.Kind} {binding.Binding.Metadata.QualifiedName}, whose role "
                + $"{binding.Binding.RoleRef} does not exist yet: whoever creates it grants its rules to every request without credentials.",
                "unauthenticated",
                evidence);
        }

        evidence.Add(RbacEvidence.Role(role));
        var reasonsByRule = new List<(ResolvedRule Rule, ImmutableArray<string> Reasons)>();
        foreach (var rule in role.Rules)
        {
            var reasons = Reasons(rule.Rule, binding.IsClusterWide, standings.Context.Config.Duties.Values);
            if (!reasons.IsEmpty || !authenticated)
            {
                reasonsByRule.Add((rule, reasons));
            }
        }

        var all = reasonsByRule.SelectMany(r => r.Reasons).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (authenticated && all.Count == 0)
        {
            return null;
        }

        evidence.AddRange(reasonsByRule.Select(r => RbacEvidence.Rule(role, r.Rule, r.Reasons.IsEmpty ? "read-only" : string.Join("; ", r.Reasons))));
        if (authenticated)
        {
            var key = string.Join("; ", all);
            return Report(
                standings,
                standing,
                binding,
                $"Every authenticated identity, every service account included, gets {key} {Where(binding)} through {Via(binding)}; "
                + "system:authenticated should get read-only discovery at most.",
                key,
                evidence);
        }

        var who = binding.Subject.Kind == Subject.UserKind ? "Anonymous requests" : "Unauthenticated requests";
        var what = all.Count == 0 ? "read access" : string.Join("; ", all);
        var finding = Report(
            standings,
            standing,
            binding,
            $"{who} get {what} {Where(binding)} through {Via(binding)}: anyone who can reach the API server, without credentials.",
            "unauthenticated",
            evidence);
        return all.Count == 0 ? finding : finding with { Severity = Severity.Critical };
    }

    /// <summary>
    /// Why a rule is more than read-only discovery: <see cref="NonReadVerbs"/>, <see cref="SecretReads"/>,
    /// <see cref="ExecOrProxy"/>, or <c>duty NAME</c> for each duty describing part of it (without resourceNames, as S1).
    /// Non-resource rules reached through a RoleBinding are inert and give no reason.
    /// </summary>
    public static ImmutableArray<string> Reasons(PolicyRule rule, bool clusterWide, IEnumerable<Layers.Duty> duties)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(duties);
        if (!clusterWide && rule.Resources.IsEmpty)
        {
            return [];
        }

        var reasons = ImmutableArray.CreateBuilder<string>();
        if (rule.Verbs.Any(v => !ReadVerbs.Contains(v, StringComparer.Ordinal)))
        {
            reasons.Add(NonReadVerbs);
        }

        // Named objects are still read: a name restriction does not make a Secret public.
        var anyName = rule with { ResourceNames = [] };
        if (ReadVerbs.Any(v => RuleMatching.RuleAllows(anyName, AuthorizationRequest.ForResource(v, string.Empty, "secrets"))))
        {
            reasons.Add(SecretReads);
        }

        if (PassThrough.Any(p => RuleMatching.RuleAllows(anyName, AuthorizationRequest.ForResource("get", string.Empty, p.Resource, subresource: p.Subresource))))
        {
            reasons.Add(ExecOrProxy);
        }

        foreach (var duty in duties)
        {
            if (duty.Rules.Any(d => RuleCoverage.Breakdown(d).Any(t => RuleCoverage.RuleCovers(rule, t))))
            {
                reasons.Add($"duty {duty.Name}");
            }
        }

        return reasons.ToImmutable();
    }
}
