using System.Collections.Immutable;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// SOD-RBAC-016: verbs that step past RBAC — <c>nodes/proxy</c> (any verb a proxied request can carry: the kubelet API,
/// exec in every pod of the node), <c>pods/exec</c>, <c>pods/attach</c>, <c>pods/portforward</c> (create, and get: websocket clients use GET),
/// <c>pods/ephemeralcontainers</c> (update/patch: start a debug container), CSR approval (update on
/// <c>certificatesigningrequests/approval</c>, approve on <c>signers</c>) and <c>serviceaccounts/token</c> create — held
/// by a subject outside the cluster layer cluster-wide, or in a namespace it does not own (a team exec-ing into its own
/// pods is its own business). A rule limited to resourceNames still counts (exec into those pods, tokens of those
/// service accounts). One finding per subject and binding.
/// </summary>
public sealed class DangerousVerbsRule : SubjectRuleBase
{
    private const string Certificates = "certificates.k8s.io";

    private static readonly RoleAnalysisCache<RoleHits<PermissionHit>> Analyses = new(Analyze);

    /// <summary>The dangerous permissions: API group, resource, subresource, verbs, cluster-scoped.</summary>
    private static readonly ImmutableArray<(string Group, string Resource, string Subresource, ImmutableArray<string> Verbs, bool ClusterScoped)> Table =
    [
        // nodes/proxy: every verb a proxied request can carry (a proxy request names its node, so never list, watch or
        // deletecollection): GET reads the kubelet API, the others reach /exec and /run on every pod of the node.
        (string.Empty, "nodes", "proxy", ["get", "create", "update", "patch", "delete"], true),
        (string.Empty, "pods", "exec", ["create", "get"], false),
        (string.Empty, "pods", "attach", ["create", "get"], false),
        (string.Empty, "pods", "portforward", ["create", "get"], false),
        (string.Empty, "pods", "ephemeralcontainers", ["update", "patch"], false),
        (string.Empty, "serviceaccounts", "token", ["create"], false),
        (Certificates, "certificatesigningrequests", "approval", ["update"], true),
        (Certificates, "signers", string.Empty, ["approve"], true),
    ];

    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-RBAC-016",
        "Dangerous verbs outside the cluster layer",
        Severity.High,
        Layer.Cluster,
        "rbac",
        "Remove nodes/proxy, exec/attach/port-forward, ephemeral containers, CSR approval and token creation from the role, "
        + "or bind it with RoleBindings in the subject's own namespaces only; use kubectl logs, or short-lived, approved "
        + "break-glass access for debugging elsewhere. If the subject operates the cluster, declare it in the cluster layer.");

    protected override Finding? Judge(SubjectStandings standings, SubjectStanding standing, SubjectBinding binding)
    {
        if (binding.Role is not { } role)
        {
            return null;
        }

        if (binding.Namespace is { } ns && standings.Owns(standing, ns))
        {
            return null;
        }

        var analysis = Analyses.Get(role);
        if (analysis.IsEmpty)
        {
            return null;
        }

        // A RoleBinding never grants cluster-scoped resources (nodes, CSRs, signers).
        var hits = analysis.Hits
            .Select(h => binding.IsClusterWide ? h : h with { Permissions = [.. h.Permissions.Where(p => !p.ClusterScoped)] })
            .Where(h => !h.Permissions.IsEmpty)
            .ToList();
        if (hits.Count == 0)
        {
            return null;
        }

        var key = PermissionText.ByResource(hits.SelectMany(h => h.Permissions).Select(p => (p.Resource, p.Verb)));
        var evidence = PermissionHit.Chain(standings, standing, binding, role, hits);
        var where = binding.IsClusterWide ? "in every namespace" : $"in namespace {binding.Namespace}, which it does not own";
        var message = $"{binding.Subject} ({standing.Description}) holds {key} {where} through {Via(binding)}: "
            + "it can run commands in, or act as, workloads and nodes beyond its boundary.";
        return Report(standings, standing, binding, message, key, evidence);
    }

    private static RoleHits<PermissionHit> Analyze(ResolvedRole role)
    {
        var hits = ImmutableArray.CreateBuilder<PermissionHit>();
        foreach (var rule in role.Rules)
        {
            var anyName = rule.Rule.ResourceNames.IsEmpty ? rule.Rule : rule.Rule with { ResourceNames = [] };
            var permissions = ImmutableArray.CreateBuilder<SensitivePermission>();

            foreach (var (group, resource, sub, verbs, clusterScoped) in Table)
            {
                foreach (var verb in verbs)
                {
                    if (RuleMatching.RuleAllows(anyName, AuthorizationRequest.ForResource(verb, group, resource, subresource: sub)))
                    {
                        var combined = sub.Length == 0 ? resource : $"{resource}/{sub}";
                        permissions.Add(new SensitivePermission(group, combined, verb, clusterScoped));
                    }
                }
            }

            if (permissions.Count > 0)
            {
                hits.Add(new PermissionHit(rule, permissions.ToImmutable()));
            }
        }

        return new RoleHits<PermissionHit>(hits.ToImmutable());
    }
}
