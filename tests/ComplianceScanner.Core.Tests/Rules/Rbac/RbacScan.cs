using ComplianceScanner.Configuration;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.Snapshot.Manifests;

namespace ComplianceScanner.Core.Tests.Rules.Rbac;

/// <summary>Runs one RBAC rule over manifests written inline, judged against a small layer model, with the real loaders.</summary>
internal static class RbacScan
{
    public static readonly DateOnly Today = new(2026, 11, 26);

    /// <summary>
    /// Cluster layer (platform-operators, namespace platform), security layer (security-team and the scanner's service
    /// account, namespace security, with a Secret-listing duty), teams shop (shop, shop-*) and blog (label team=blog).
    /// </summary>
    public const string DefaultConfig = """
        apiVersion: compliancescanner.io/v1
        kind: ScannerConfig
        cluster: {name: unit}
        duties:
          compliance-scanning:
            description: "List Secret metadata cluster-wide."
            rules:
            - {apiGroups: [""], resources: [secrets], verbs: [list, watch]}
        layers:
          cluster:
            subjects: [{kind: Group, name: platform-operators}]
            duties: [ingress-class-management, controller-operation, rbac-management]
            namespaces: [platform]
          security:
            subjects: [{kind: Group, name: security-team}, {kind: ServiceAccount, namespace: security, name: scanner}]
            duties: [audit-read, admission-policy-management, compliance-scanning]
            namespaces: [security]
          namespace:
            teams:
            - name: shop
              subjects: [{kind: Group, name: team-shop}]
              namespaces: [shop, "shop-*"]
              duties: [route-editing, tls-management]
            - name: blog
              subjects: [{kind: Group, name: team-blog}]
              namespaceSelector: {matchLabels: {team: blog}}
              duties: [route-editing]
        """;

    /// <summary>Namespaces every scan has.</summary>
    public const string Namespaces = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: blog, labels: {team: blog}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: platform}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: security}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: legacy}
        """;

    public static ScannerConfig Config(string yaml = DefaultConfig)
    {
        var result = ConfigLoader.LoadText(yaml, "scanner.yaml", Today);
        Assert.False(result.HasErrors, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Config!;
    }

    public static EvaluationContext Context(string manifests, string config = DefaultConfig)
    {
        var loaded = new ManifestLoader().LoadMany([(Namespaces, "namespaces.yaml"), (manifests, "test.yaml")]);
        Assert.True(loaded.Errors.IsEmpty, string.Join(Environment.NewLine, loaded.Errors));
        return new EvaluationContext(loaded.Snapshot, Config(config), Today);
    }

    public static List<Finding> Run(IRule rule, string manifests, string config = DefaultConfig) =>
        [.. rule.Evaluate(Context(manifests, config)).Order(FindingOrder.Instance)];

    /// <summary><c>Kind/ns/name Subject key state</c>: one line per finding, for compact assertions.</summary>
    public static string Line(Finding f) =>
        $"{f.Object} {f.Subject?.ToString() ?? "-"} {(f.Key.Length == 0 ? "-" : f.Key)} {f.State.ToString().ToLowerInvariant()}";

    public static List<string> Lines(IEnumerable<Finding> findings) => [.. findings.Select(Line).Order(StringComparer.Ordinal)];

    /// <summary>
    /// A ClusterRole and a binding of it in one go: <paramref name="ns"/> null makes a ClusterRoleBinding. Rules and
    /// subjects are YAML sequence items (<c>- {...}</c>), one per line.
    /// </summary>
    public static string Grant(string role, string rules, string bindingName, string? ns, string subjects)
    {
        var kind = ns is null ? "ClusterRoleBinding" : "RoleBinding";
        var meta = ns is null ? $"name: {bindingName}" : $"name: {bindingName}, namespace: {ns}";
        return $$"""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: {{role}}}
            rules:
            {{rules}}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: {{kind}}
            metadata: {{{meta}}}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: {{role}}}
            subjects:
            {{subjects}}
            """;
    }

    public static string Group(string name) => $"- {{kind: Group, apiGroup: rbac.authorization.k8s.io, name: \"{name}\"}}";

    public static string User(string name) => $"- {{kind: User, apiGroup: rbac.authorization.k8s.io, name: \"{name}\"}}";

    public static string ServiceAccount(string ns, string name) => $"- {{kind: ServiceAccount, name: {name}, namespace: {ns}}}";
}
