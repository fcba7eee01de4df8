using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Snapshot;
using static ComplianceScanner.Core.Tests.Permissions.Rbac;

namespace ComplianceScanner.Core.Tests.Rules.Rbac;

/// <summary>
/// A small random cluster (deterministic per seed) that exercises every RBAC boundary rule: teams, layers, undeclared
/// users, groups and service accounts (some missing, some named as users), implicit groups, built-in bindings, escalation
/// capabilities, resourceNames, the scanner's ConfigMaps, and exceptions. Used to check that incremental computation
/// (one subject at a time, derived analyses, <c>Reevaluate</c>) equals a full evaluation.
/// </summary>
internal static class GeneratedCluster
{
    private static readonly RbacRole[] ClusterRoles =
    [
        ClusterRole("ingress-writer", DutyWorld.Ingresses("get", "create", "update")),
        ClusterRole("secret-reader", DutyWorld.Secrets("get", "list", "watch")),
        ClusterRole("secret-lister", DutyWorld.Secrets("list")),
        ClusterRole("secret-writer", DutyWorld.Secrets("create", "update")),
        ClusterRole("routes-and-certs", DutyWorld.Ingresses("create"), DutyWorld.Secrets("create")),
        ClusterRole("status-writer", Rule(["networking.k8s.io"], ["ingresses/status"], ["update"])),
        ClusterRole("class-admin", Rule(["networking.k8s.io"], ["ingressclasses"], ["create", "update"])),
        ClusterRole("rbac-writer", Rule(["rbac.authorization.k8s.io"], ["roles", "rolebindings"], ["create", "update"])),
        ClusterRole("rbac-reader", Rule(["rbac.authorization.k8s.io"], ["clusterroles", "clusterrolebindings"], ["list"])),
        ClusterRole("webhook-patcher", Rule(["admissionregistration.k8s.io"], ["validatingwebhookconfigurations"], ["patch"])),
        ClusterRole("policy-writer", Rule(["admissionregistration.k8s.io"], ["validatingadmissionpolicies"], ["create", "update"])),
        ClusterRole("configmap-editor", Rule([""], ["configmaps"], ["create", "update", "patch", "delete"])),
        ClusterRole("deployer", Rule(["apps"], ["deployments"], ["create"]), Rule([""], ["pods"], ["create"])),
        ClusterRole("token-maker", Rule([""], ["serviceaccounts/token"], ["create"])),
        ClusterRole("named-token-maker", Rule([""], ["serviceaccounts/token"], ["create"], ["sa0"])),
        ClusterRole("sa-impersonator", Rule([""], ["serviceaccounts"], ["impersonate"])),
        ClusterRole("impersonator", Rule([""], ["users", "groups"], ["impersonate"])),
        ClusterRole("binder", Rule(["rbac.authorization.k8s.io"], ["clusterroles", "roles"], ["bind"]), Rule(["rbac.authorization.k8s.io"], ["rolebindings"], ["create"])),
        ClusterRole("named-binder", Rule(["rbac.authorization.k8s.io"], ["clusterroles"], ["bind"], ["secret-writer"]), Rule(["rbac.authorization.k8s.io"], ["rolebindings"], ["create"])),
        ClusterRole("escalator", Rule(["rbac.authorization.k8s.io"], ["roles"], ["escalate", "update"])),
        ClusterRole("named-secret", Rule([""], ["secrets"], ["get", "update"], ["db"])),
        ClusterRole("viewer", Rule([""], ["pods", "services"], ["get", "list"])),
        ClusterRole("core-admin", Rule([""], ["*"], ["*"])),
        ClusterRole("sa-creator", Rule([""], ["serviceaccounts"], ["create"])),
    ];

    private static readonly string[] Teams = ["t0", "t1", "t2"];

    public static (ClusterSnapshot Snapshot, ScannerConfig Config) Create(int seed, int namespaces)
    {
        var random = new Random(seed);
        var names = Enumerable.Range(0, namespaces).Select(i => $"{Teams[i % Teams.Length]}-ns{i}")
            .Concat(["ingress", "security", "free", "kube-system"]).ToArray();
        var roles = names.Select(ns => Role(ns, "local", Pick(random, ClusterRoles).Rules[0])).ToList();
        var serviceAccounts = names.SelectMany(ns => new[] { ServiceAccount(ns, "sa0"), ServiceAccount(ns, "sa1") }).ToList();
        var subjects = SubjectPool(names);
        var rbs = Enumerable.Range(0, namespaces * 6).Select(i => RandomBinding(random, names, subjects, cluster: false, $"rb{i}")).ToList();
        var crbs = Enumerable.Range(0, namespaces * 2).Select(i => RandomBinding(random, names, subjects, cluster: true, $"crb{i}")).ToList();
        crbs.Add(Crb("cluster-admin", "ClusterRole", "core-admin", Subject.Group("system:masters")).Labeled("kubernetes.io/bootstrapping", "rbac-defaults"));
        var snapshot = new ClusterSnapshot
        {
            Namespaces = [.. names.Select(n => new NamespaceObject { Metadata = new ObjectMeta { Name = n } })],
            ClusterRoles = [.. ClusterRoles],
            Roles = [.. roles],
            RoleBindings = [.. rbs.DistinctBy(b => (b.Metadata.Namespace, b.Metadata.Name))],
            ClusterRoleBindings = [.. crbs],
            ServiceAccounts = [.. serviceAccounts],
            ConfigMaps = [new ConfigMapObject { Metadata = new ObjectMeta { Name = "compliance-scanner", Namespace = "security" } }],
        };
        return (snapshot, Config(random));
    }

    /// <summary>A random single-binding change: add a binding, remove one, or change one's subjects or role.</summary>
    public static (RbacBinding? Before, RbacBinding? After) RandomChange(Random random, ClusterSnapshot snapshot)
    {
        var names = snapshot.Namespaces.Select(n => n.Metadata.Name).ToArray();
        var subjects = SubjectPool(names);
        var all = snapshot.RoleBindings.Concat(snapshot.ClusterRoleBindings).ToList();
        switch (random.Next(4))
        {
            case 0:
                return (null, RandomBinding(random, names, subjects, cluster: random.Next(3) == 0, $"new{random.Next(1_000_000)}"));
            case 1:
                return (Pick(random, all), null);
            case 2:
                var b = Pick(random, all);
                return (b, b with { Subjects = [.. Enumerable.Range(0, 1 + random.Next(2)).Select(_ => Pick(random, subjects))] });
            default:
                var c = Pick(random, all);
                var other = RandomBinding(random, names, subjects, c.IsClusterBinding, c.Metadata.Name);
                return (c, c with { RoleRef = other.RoleRef });
        }
    }

    private static ScannerConfig Config(Random random) => new()
    {
        Duties = DutyWorld.Config.Duties,
        ClusterLayer = DutyWorld.Config.ClusterLayer with { Namespaces = ["ingress"] },
        SecurityLayer = DutyWorld.Config.SecurityLayer,
        Teams =
        [
            .. Teams.Select(t => new TeamDefinition
            {
                Name = t,
                Subjects = [Subject.Group($"team-{t}")],
                Namespaces = [$"{t}-*"],
                Duties = random.Next(2) == 0 ? ["route-editing", "tls-management"] : ["route-editing"],
            }),
        ],
        Separation = DutyWorld.Config.Separation,
        Exceptions =
        [
            new ExceptionEntry { Rule = "SOD-RBAC-00*", Subject = "Group:g0", Reason = "r", ApprovedBy = "a", Expires = new DateOnly(2027, 1, 1) },
            new ExceptionEntry { Rule = "SOD-RBAC-006", Object = "t1-*/*", Reason = "r", ApprovedBy = "a", Expires = new DateOnly(2027, 1, 1) },
            new ExceptionEntry { Rule = "SOD-RBAC-015", Subject = "User:nobody", Reason = "r", ApprovedBy = "a", Expires = new DateOnly(2027, 1, 1) },
        ],
    };

    private static List<Subject> SubjectPool(string[] namespaces)
    {
        var pool = new List<Subject>
        {
            Subject.Group("team-t0"), Subject.Group("team-t1"), Subject.Group("team-t2"),
            Subject.Group("platform"), Subject.ServiceAccount("ingress", "controller"),
            Subject.Group("security"), Subject.ServiceAccount("security", "scanner"),
            Subject.Group("g0"), Subject.Group("g1"), Subject.User("u0"), Subject.User("u1"), Subject.User("system:anonymous"),
            Subject.Group("system:authenticated"), Subject.Group("system:serviceaccounts"),
            Subject.User("system:kube-scheduler"),
        };
        foreach (var ns in namespaces.Take(4))
        {
            pool.Add(Subject.ServiceAccount(ns, "sa0"));
            pool.Add(Subject.ServiceAccount(ns, "sa2"));
            pool.Add(Subject.User($"system:serviceaccount:{ns}:sa1"));
            pool.Add(Subject.Group($"system:serviceaccounts:{ns}"));
        }

        return pool;
    }

    private static RbacBinding RandomBinding(Random random, string[] namespaces, List<Subject> subjects, bool cluster, string name)
    {
        var chosen = Enumerable.Range(0, 1 + random.Next(2)).Select(_ => Pick(random, subjects)).ToArray();
        if (cluster)
        {
            return Crb(name, "ClusterRole", Pick(random, ClusterRoles).Metadata.Name, chosen);
        }

        var ns = Pick(random, namespaces);
        var binding = random.Next(4) == 0
            ? Rb(ns, name, "Role", "local", chosen)
            : Rb(ns, name, "ClusterRole", Pick(random, ClusterRoles).Metadata.Name, chosen);
        return random.Next(10) == 0 ? binding.Labeled("addonmanager.kubernetes.io/mode", "Reconcile") : binding;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
