using System.Globalization;
using System.Text;

namespace ComplianceScanner.Bench;

/// <summary>
/// Generates a large multi-tenant cluster as manifests, deterministically. At scale 1.0 it has the shape of a real
/// multi-tenant cluster reported publicly: 10,000 namespaces, 22,388 Roles, 168 ClusterRoles (some aggregated),
/// 44,730 RoleBindings, 22,454 ClusterRoleBindings, 20,000 Ingresses and their Services. A few percent of the
/// objects carry violations, so rules have real work to do. Each Ingress also has its TLS Secret (metadata and a
/// token payload that the loader drops).
/// </summary>
internal sealed class SyntheticCluster(double scale)
{
    public const int Teams = 100;

    private const int FullNamespaces = 10_000;
    private const int FullRoles = 22_388;
    private const int FullCustomClusterRoles = 168 - 7;
    private const int FullRoleBindings = 44_730;
    private const int FullClusterRoleBindings = 22_454;
    private const int FullIngresses = 20_000;

    public int Namespaces => Scaled(FullNamespaces);

    public int Roles => Scaled(FullRoles);

    public int ClusterRoles => 7 + Math.Max(8, Scaled(FullCustomClusterRoles));

    public int RoleBindings => Scaled(FullRoleBindings);

    public int ClusterRoleBindings => Scaled(FullClusterRoleBindings);

    public int Ingresses => Scaled(FullIngresses);

    public int TotalObjects => Namespaces + Roles + ClusterRoles + RoleBindings + ClusterRoleBindings + (3 * Ingresses) + 1;

    /// <summary>Writes the manifests (several files of about 2,000 objects) and a matching scanner.yaml; returns the manifest directory.</summary>
    public string WriteTo(string directory)
    {
        var manifests = Path.Combine(directory, "cluster");
        Directory.CreateDirectory(manifests);
        File.WriteAllText(Path.Combine(directory, "scanner.yaml"), Config(), Utf8);
        var file = 0;
        foreach (var chunk in Documents().Chunk(2_000))
        {
            File.WriteAllText(Path.Combine(manifests, $"part-{file++:0000}.yaml"), string.Join("---\n", chunk), Utf8);
        }

        return manifests;
    }

    /// <summary>The scanner.yaml of the synthetic cluster: one team per <c>team</c> label value, a cluster layer, a security layer.</summary>
    public static string Config()
    {
        var sb = new StringBuilder("""
            apiVersion: compliancescanner.io/v1
            kind: ScannerConfig
            cluster: {name: synthetic}
            layers:
              cluster:
                subjects: [{kind: Group, name: platform-operators}, {kind: ServiceAccount, namespace: ingress-system, name: controller}]
                duties: [ingress-class-management, controller-operation, rbac-management, route-editing, tls-management]
                namespaces: [ingress-system]
              security:
                subjects: [{kind: Group, name: security-team}]
                duties: [audit-read, admission-policy-management]
              namespace:
                teams:

            """);
        for (var t = 0; t < Teams; t++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"    - {{name: team-{t:000}, subjects: [{{kind: Group, name: team-{t:000}}}], namespaceSelector: {{matchLabels: {{team: team-{t:000}}}}}, hosts: [\"*.team-{t:000}.example.com\"], ingressClasses: [nginx], duties: [route-editing, tls-management], requireTls: true}}\n");
        }

        sb.Append("""
            separation:
            - {name: routes-vs-certificates, duties: [route-editing, tls-management], beyond: own-namespaces, severity: high}

            """);
        return sb.ToString();
    }

    public IEnumerable<string> Documents()
    {
        var rng = new SplitMix(42);
        yield return """
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata:
              name: nginx
              annotations: {ingressclass.kubernetes.io/is-default-class: "true"}
            spec: {controller: k8s.io/ingress-nginx}

            """;
        foreach (var d in BuiltinClusterRoles())
        {
            yield return d;
        }

        var customRoles = ClusterRoles - 7;
        for (var c = 0; c < customRoles; c++)
        {
            yield return CustomClusterRole(c);
        }

        for (var i = 0; i < Namespaces; i++)
        {
            yield return $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {Ns(i)}\n  labels: {{team: {TeamOf(i)}}}\n";
        }

        for (var r = 0; r < Roles; r++)
        {
            yield return NamespacedRole(r, r % Namespaces);
        }

        for (var b = 0; b < RoleBindings; b++)
        {
            yield return RoleBinding(b, b % Namespaces, rng);
        }

        for (var b = 0; b < ClusterRoleBindings; b++)
        {
            yield return ClusterRoleBinding(b, rng);
        }

        for (var g = 0; g < Ingresses; g++)
        {
            var i = g % Namespaces;
            yield return $"apiVersion: v1\nkind: Service\nmetadata: {{name: app-{g}, namespace: {Ns(i)}}}\nspec:\n  ports: [{{name: http, port: 80}}]\n";
            yield return $"apiVersion: v1\nkind: Secret\nmetadata: {{name: app-{g}-tls, namespace: {Ns(i)}}}\ntype: kubernetes.io/tls\ndata: {{tls.crt: Y2VydA==, tls.key: a2V5}}\n";
            yield return IngressDoc(g, i, rng);
        }
    }

    private static readonly UTF8Encoding Utf8 = new(false);

    private int Scaled(int full) => Math.Max(1, (int)Math.Round(full * scale, MidpointRounding.AwayFromZero));

    private static string Ns(int i) => $"tenant-{i:00000}";

    private static string TeamOf(int i) => $"team-{i % Teams:000}";

    private static IEnumerable<string> BuiltinClusterRoles()
    {
        const string Boot = "labels: {kubernetes.io/bootstrapping: rbac-defaults}";
        yield return $"apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {{name: cluster-admin, {Boot}}}\nrules:\n- {{apiGroups: ['*'], resources: ['*'], verbs: ['*']}}\n- {{nonResourceURLs: ['*'], verbs: ['*']}}\n";
        foreach (var (name, source) in new[] { ("admin", "aggregate-to-admin"), ("edit", "aggregate-to-edit"), ("view", "aggregate-to-view") })
        {
            yield return $"apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {{name: {name}, {Boot}}}\naggregationRule:\n  clusterRoleSelectors:\n  - matchLabels: {{rbac.authorization.k8s.io/{source}: \"true\"}}\nrules: null\n";
        }

        yield return $"apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: system:aggregate-to-admin\n  labels: {{kubernetes.io/bootstrapping: rbac-defaults, rbac.authorization.k8s.io/aggregate-to-admin: \"true\"}}\nrules:\n- {{apiGroups: [rbac.authorization.k8s.io], resources: [roles, rolebindings], verbs: [create, delete, deletecollection, get, list, patch, update, watch]}}\n";
        yield return $"apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: system:aggregate-to-edit\n  labels: {{kubernetes.io/bootstrapping: rbac-defaults, rbac.authorization.k8s.io/aggregate-to-admin: \"true\", rbac.authorization.k8s.io/aggregate-to-edit: \"true\"}}\nrules:\n- {{apiGroups: [''], resources: [pods, services, configmaps, secrets], verbs: [create, delete, deletecollection, patch, update]}}\n- {{apiGroups: [networking.k8s.io], resources: [ingresses], verbs: [create, delete, deletecollection, patch, update]}}\n- {{apiGroups: [''], resources: [pods/exec], verbs: [create, get]}}\n";
        yield return $"apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: system:aggregate-to-view\n  labels: {{kubernetes.io/bootstrapping: rbac-defaults, rbac.authorization.k8s.io/aggregate-to-admin: \"true\", rbac.authorization.k8s.io/aggregate-to-edit: \"true\", rbac.authorization.k8s.io/aggregate-to-view: \"true\"}}\nrules:\n- {{apiGroups: ['', apps, networking.k8s.io], resources: [pods, services, configmaps, deployments, ingresses], verbs: [get, list, watch]}}\n";
    }

    private static string CustomClusterRole(int c) => (c % 8) switch
    {
        0 => $"apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {{name: route-editor-{c}}}\nrules:\n- {{apiGroups: [networking.k8s.io], resources: [ingresses], verbs: [get, list, watch, create, update, patch, delete]}}\n",
        1 => $"apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {{name: tls-editor-{c}}}\nrules:\n- {{apiGroups: [''], resources: [secrets], verbs: [get, list, watch, create, update, patch, delete]}}\n",
        2 => $"apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {{name: metrics-reader-{c}}}\nrules:\n- {{apiGroups: [''], resources: [pods, nodes, namespaces], verbs: [get, list, watch]}}\n- {{nonResourceURLs: [/metrics], verbs: [get]}}\n",
        3 => $"apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: crd-view-{c}\n  labels: {{rbac.authorization.k8s.io/aggregate-to-view: \"true\"}}\nrules:\n- {{apiGroups: [example{c}.io], resources: ['*'], verbs: [get, list, watch]}}\n",
        4 => $"apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {{name: deployer-{c}}}\nrules:\n- {{apiGroups: [apps], resources: [deployments, statefulsets], verbs: [get, list, watch, create, update, patch, delete]}}\n- {{apiGroups: [''], resources: [services, configmaps], verbs: [get, list, watch, create, update, patch, delete]}}\n",
        5 => $"apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: team-aggregate-{c}\naggregationRule:\n  clusterRoleSelectors:\n  - matchLabels: {{example.com/aggregate-to-team: \"{c}\"}}\nrules: null\n",
        6 => $"apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: team-part-{c}\n  labels: {{example.com/aggregate-to-team: \"{c - 1}\"}}\nrules:\n- {{apiGroups: [batch], resources: [jobs, cronjobs], verbs: [get, list, watch, create, delete]}}\n",
        _ => $"apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {{name: namespace-lister-{c}}}\nrules:\n- {{apiGroups: [''], resources: [namespaces], verbs: [get, list, watch]}}\n",
    };

    private static string NamespacedRole(int r, int i) => (r % 3) switch
    {
        0 => $"apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {{name: app-deployer-{r}, namespace: {Ns(i)}}}\nrules:\n- {{apiGroups: [apps], resources: [deployments], verbs: [get, list, watch, create, update, patch]}}\n- {{apiGroups: [''], resources: [configmaps], verbs: [get, list, watch, create, update, patch]}}\n",
        1 => $"apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {{name: app-reader-{r}, namespace: {Ns(i)}}}\nrules:\n- {{apiGroups: ['', apps], resources: [pods, services, deployments], verbs: [get, list, watch]}}\n- {{apiGroups: [''], resources: [secrets], resourceNames: [app-config-{r}], verbs: [get]}}\n",
        _ => $"apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {{name: route-owner-{r}, namespace: {Ns(i)}}}\nrules:\n- {{apiGroups: [networking.k8s.io], resources: [ingresses], verbs: [get, list, watch, create, update, patch, delete]}}\n- {{apiGroups: [''], resources: [secrets], verbs: [get, list, watch, create, update, patch, delete]}}\n",
    };

    private string RoleBinding(int b, int i, SplitMix rng)
    {
        // Each binding names a Role of its own namespace (Roles are spread round-robin, so role r lives in r % Namespaces),
        // or a ClusterRole; a few name a Role that does not exist.
        var ns = Ns(i);
        var roleIndex = i + (Namespaces * (b / Namespaces % Math.Max(1, Roles / Namespaces)));
        var kind = rng.Next(100);
        var (refKind, refName) = kind switch
        {
            < 55 when roleIndex < Roles => ("Role", RoleName(roleIndex)),
            < 80 => ("ClusterRole", "view"),
            < 97 => ("ClusterRole", $"route-editor-{8 * rng.Next(Math.Max(1, (ClusterRoles - 7) / 8))}"),
            < 99 => ("ClusterRole", "edit"),
            _ => ("Role", $"missing-{b}"),
        };
        var subject = rng.Next(100) switch
        {
            < 60 => $"{{kind: Group, name: {TeamOf(i)}}}",
            < 97 => $"{{kind: ServiceAccount, name: ci-{b % 7}, namespace: {ns}}}",
            // An occasional team working in another team's namespace: the boundary rules must find it.
            _ => $"{{kind: Group, name: {TeamOf(i + 1)}}}",
        };
        return $"apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {{name: binding-{b}, namespace: {ns}}}\nroleRef: {{apiGroup: rbac.authorization.k8s.io, kind: {refKind}, name: {refName}}}\nsubjects: [{subject}]\n";
    }

    private static string RoleName(int r) => (r % 3) switch
    {
        0 => $"app-deployer-{r}",
        1 => $"app-reader-{r}",
        _ => $"route-owner-{r}",
    };

    private string ClusterRoleBinding(int b, SplitMix rng)
    {
        var custom = ClusterRoles - 7;
        var role = rng.Next(100) switch
        {
            < 70 => $"metrics-reader-{2 + (8 * rng.Next(Math.Max(1, custom / 8)))}",
            < 95 => $"namespace-lister-{7 + (8 * rng.Next(Math.Max(1, (custom - 7) / 8)))}",
            < 99 => "view",
            _ => $"tls-editor-{1 + (8 * rng.Next(Math.Max(1, custom / 8)))}",
        };
        var i = b % Namespaces;
        return $"apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {{name: crb-{b}}}\nroleRef: {{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: {role}}}\nsubjects: [{{kind: ServiceAccount, name: agent-{b / Namespaces}, namespace: {Ns(i)}}}]\n";
    }

    private static string IngressDoc(int g, int i, SplitMix rng)
    {
        var team = TeamOf(i);
        var roll = rng.Next(100);
        var host = roll < 2 ? $"app-{g}.team-{(i + 1) % Teams:000}.example.com" : $"app-{g}.{team}.example.com";
        var tls = roll is >= 2 and < 4 ? string.Empty : $"  tls: [{{hosts: [{host}], secretName: app-{g}-tls}}]\n";
        var annotations = roll == 5 ? "\n  annotations: {nginx.ingress.kubernetes.io/configuration-snippet: \"more_set_headers x;\"}" : string.Empty;
        return $"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: app-{g}\n  namespace: {Ns(i)}{annotations}\nspec:\n  ingressClassName: nginx\n{tls}  rules:\n  - host: {host}\n    http: {{paths: [{{path: /, pathType: Prefix, backend: {{service: {{name: app-{g}, port: {{number: 80}}}}}}}}]}}\n";
    }
}
