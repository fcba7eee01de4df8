using System.Collections.Immutable;
using ComplianceScanner.Core.Reporting;

namespace ComplianceScanner.Rendering.Tests;

/// <summary>Hand-built reports with fixed times for golden and contract tests.</summary>
internal static class ReportSamples
{
    private static readonly DateTimeOffset Started = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    private static readonly ReportScanner Scanner = new("compliance-scanner", "0.1.0", "2025.03");

    /// <summary>A complete scan: open and excepted findings, two teams, every exception status.</summary>
    public static ScanReport Complete() => new()
    {
        Scanner = Scanner,
        Scan = new ReportScan
        {
            StartedAt = Started,
            FinishedAt = Started.AddSeconds(4.2),
            Cluster = "prod-eu-1",
            ConfigDigest = "sha256:3f1c7a5e9b2d4f608a1e3c5b7d9f0a2c4e6b8d0f1a3c5e7b9d1f3a5c7e9b0d2f",
            SnapshotDigest = "sha256:9a8b7c6d5e4f30211f2e3d4c5b6a79881a2b3c4d5e6f70819a0b1c2d3e4f5061",
            ConfigFile = "scanner.yaml",
            Sources = ["cluster:prod-eu-1 (context prod-eu-1-admin)"],
        },
        Incomplete = false,
        Summary = new ReportSummary
        {
            Total = 4,
            Open = 3,
            Excepted = 1,
            BySeverity = Counts(("critical", 1), ("high", 1), ("medium", 0), ("low", 1), ("info", 0)),
            ByLayer = Counts(("cluster", 1), ("security", 1), ("namespace", 1), ("undeclared", 0)),
            ByRule = Counts(("SOD-GOV-002", 1), ("SOD-ING-001", 1), ("SOD-RBAC-001", 1)),
            WorstSeverity = "critical",
        },
        Findings = [CriticalRbac(), HostIngress(), ExceptedTls(), StaleException()],
        Duties = ["route-editing", "tls-management"],
        Matrix =
        [
            new ReportMatrixRow
            {
                Subject = "Group:payments-devs", Layer = "namespace", Team = "payments", Compliant = false,
                Duties = [new ReportMatrixCell("route-editing", ["cluster-wide", "payments"], ["cluster-wide"]), new ReportMatrixCell("tls-management", ["payments", "payments-a", "payments-b", "payments-c"], [])],
            },
            new ReportMatrixRow
            {
                Subject = "Group:system:masters", Layer = "undeclared", Builtin = true, Compliant = false,
                Duties = [new ReportMatrixCell("route-editing", ["cluster-wide"], ["cluster-wide"])],
            },
        ],
        Teams =
        [
            new ReportTeam
            {
                Name = "payments",
                Namespaces = ["payments", "payments-batch"],
                NamespacePatterns = ["payments", "payments-*"],
                Hosts = ["pay.example.com", "*.pay.example.com"],
                IngressClasses = ["nginx-internal"],
                Duties = ["deploy-workloads", "manage-ingress"],
                Subjects = ["Group:payments-devs", "ServiceAccount:payments/ci"],
                RequireTls = true,
                IngressCount = 3,
                BySeverity = Counts(("critical", 0), ("high", 1), ("medium", 0), ("low", 0), ("info", 0)),
                FindingIds = ["5be1a27c90d4e3f6", "0c9d8e7f6a5b4c3d"],
            },
            new ReportTeam
            {
                Name = "shop",
                Namespaces = ["shop"],
                NamespacePatterns = ["shop"],
                Hosts = ["shop.example.com"],
                IngressClasses = ["nginx-public"],
                Duties = ["deploy-workloads"],
                Subjects = ["Group:shop-devs"],
                RequireTls = false,
                IngressCount = 1,
                BySeverity = Counts(("critical", 0), ("high", 0), ("medium", 0), ("low", 0), ("info", 0)),
                FindingIds = [],
            },
        ],
        Exceptions =
        [
            new("SOD-ING-002", "Ingress/payments/legacy-callback", null, "Partner callback cannot do TLS until Q3 migration", "jane.doe@example.com (CISO)", "2025-09-30", "active", 1),
            new("SOD-RBAC-003", null, "User:ops-breakglass", "Break-glass account, reviewed monthly", "security-board", "2025-01-31", "expired", 0),
            new("SOD-ING-001", "Ingress/shop/old-promo", null, "Promo page removed in January", "shop-lead@example.com", "2025-12-31", "stale", 0),
        ],
        Rules =
        [
            new("SOD-GOV-002", "Exception matches no finding", "low", "security", "governance", "docs/rules/SOD-GOV-002.md"),
            new("SOD-ING-001", "Ingress host outside the team's host boundary", "high", "namespace", "ingress", "docs/rules/SOD-ING-001.md"),
            new("SOD-ING-002", "Ingress without TLS where the team requires it", "medium", "namespace", "ingress", "docs/rules/SOD-ING-002.md"),
            new("SOD-RBAC-001", "Namespace subject can write cluster-layer objects", "critical", "cluster", "rbac", "docs/rules/SOD-RBAC-001.md"),
        ],
        Inventory = Dictionary(("ClusterRole", 71), ("ClusterRoleBinding", 58), ("Ingress", 4), ("IngressClass", 2), ("Namespace", 9), ("Role", 12), ("RoleBinding", 17)),
        UnknownKinds = ImmutableSortedDictionary<string, int>.Empty,
        Drift = Drift(),
        SigningKey = new ReportSigningKey(
            "sha256:935ccf1074da67fba143ea589561567b588420811b5d75cd4381b52cedbcc5c1",
            "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEexampleexampleexampleexampleexampleexampleexampleexampleexampleexampleexample==\n-----END PUBLIC KEY-----\n"),
        Trend = Trend(),
    };

    /// <summary>Three recorded scans, the middle one incomplete, ending with this scan (3 open findings).</summary>
    public static ImmutableArray<ReportTrendPoint> Trend() =>
    [
        new() { ScanId = 40, StartedAt = Started.AddHours(-12), Complete = true, Total = 5, Open = 4, Excepted = 1, BySeverity = Counts(("critical", 1), ("high", 2), ("medium", 0), ("low", 1), ("info", 0)) },
        new() { ScanId = 41, StartedAt = Started.AddHours(-6), Complete = false, Total = 2, Open = 1, Excepted = 1, BySeverity = Counts(("critical", 0), ("high", 1), ("medium", 0), ("low", 0), ("info", 0)) },
        new() { ScanId = 42, StartedAt = Started, Complete = true, Total = 4, Open = 3, Excepted = 1, BySeverity = Counts(("critical", 1), ("high", 1), ("medium", 0), ("low", 1), ("info", 0)) },
    ];

    /// <summary>Since last scan: one finding of each transition, an edited Ingress with its manager, a new binding's permissions.</summary>
    public static ReportDrift Drift() => new()
    {
        ScanId = 42,
        Previous = new ReportDriftBaseline(41, Started.AddHours(-6), Started.AddHours(-6).AddSeconds(3.9)),
        Complete = true,
        New = [new("5be1a27c90d4e3f6", "SOD-ING-001", "Ingress host outside the team's host boundary", "high", "open", new("Ingress", "payments", "checkout"), null, "Ingress payments/checkout publishes host checkout.example.org, which team payments was not given.")],
        Resolved = [new("77aa0b1c2d3e4f50", "SOD-ING-007", "Ingress without TLS", "medium", "open", new("Ingress", "shop", "web"), null, "Ingress shop/web serves web.shop.example.com without TLS.")],
        Reopened = [new("a3f9c1d2e4b5a6c7", "SOD-RBAC-001", "Namespace subject can write cluster-layer objects", "critical", "open", new("ClusterRoleBinding", null, "payments-admin"), "Group:payments-devs", "Group payments-devs can write IngressClasses cluster-wide.")],
        Unchanged = 2,
        ObjectsCompared = true,
        ObjectChanges =
        [
            new(
                new("Ingress", "payments", "checkout"),
                "modified",
                [new("spec.rules[0].host", "checkout.pay.example.com", "checkout.example.org"), new("metadata.annotations[nginx.ingress.kubernetes.io/ssl-redirect]", "true", null)],
                [new("kubectl-edit", "Update", Started.AddHours(-2))]),
            new(new("RoleBinding", "shop", "ci-editors"), "added", [new("roleRef.kind", null, "ClusterRole"), new("roleRef.name", null, "edit")], []),
        ],
        DutyChanges =
        [
            new("ServiceAccount:shop/ci", "route-editing", "shop", "gained", false, "undeclared", null),
            new("User:ops-breakglass", "audit-read", null, "lost", true, "security", null),
        ],
        PermissionChanges =
        [
            new("ServiceAccount:shop/ci", "shop", "gained", "create", "networking.k8s.io", "ingresses", null, null),
            new("User:ops-breakglass", null, "lost", "get", null, null, null, "/metrics"),
        ],
    };

    /// <summary>An incomplete scan: two kinds could not be read and one rule failed; the banner must show all of it.</summary>
    public static ScanReport Incomplete() => Complete() with
    {
        Incomplete = true,
        Scan = Complete().Scan with { FinishedAt = Started.AddMinutes(2).AddSeconds(7) },
        Missing =
        [
            new("RoleBinding", "forbidden: User \"scanner\" cannot list resource \"rolebindings\" in API group \"rbac.authorization.k8s.io\" at the cluster scope", "list rolebindings.rbac.authorization.k8s.io (cluster-wide)"),
            new("IngressClass", "the server could not find the requested resource", null),
        ],
        RuleErrors = [new("SOD-ING-003", "rule crashed: host pattern '[' is not a valid wildcard")],
        UnknownKinds = Dictionary(("gateway.networking.k8s.io/v1/HTTPRoute", 3), ("traefik.io/v1alpha1/IngressRoute", 2)),
        Drift = null,
        Trend = [],
    };

    /// <summary>
    /// The same structure as <see cref="Incomplete"/>, but every string the report carries is <paramref name="payload"/>,
    /// including dictionary keys and the docUrl of findings and rules.
    /// </summary>
    public static ScanReport Hostile(string payload) => new()
    {
        SchemaVersion = "1.0",
        Scanner = new(payload, payload, payload),
        Scan = new ReportScan
        {
            StartedAt = Started,
            FinishedAt = Started.AddSeconds(1),
            Cluster = payload,
            ConfigDigest = payload,
            SnapshotDigest = payload,
            ConfigFile = payload,
            Sources = [payload],
        },
        Incomplete = true,
        Missing = [new(payload, payload, payload)],
        Summary = new ReportSummary
        {
            Total = 1,
            Open = 1,
            Excepted = 0,
            BySeverity = Counts((payload, 1)),
            ByLayer = Counts((payload, 1)),
            ByRule = Counts((payload, 1)),
            WorstSeverity = payload,
        },
        Findings =
        [
            new ReportFinding
            {
                Id = payload,
                RuleId = payload,
                Title = payload,
                Severity = payload,
                Layer = payload,
                State = payload,
                Message = payload,
                Remediation = payload,
                Object = new(payload, payload, payload),
                Subject = payload,
                Namespace = payload,
                Team = payload,
                Evidence = [new(payload, payload, payload)],
                Source = new(payload, 1, 2),
                Exception = new(payload, payload, payload),
                DocUrl = payload,
            },
        ],
        Teams =
        [
            new ReportTeam
            {
                Name = payload,
                Namespaces = [payload],
                NamespacePatterns = [payload],
                Hosts = [payload],
                IngressClasses = [payload],
                Duties = [payload],
                Subjects = [payload],
                RequireTls = true,
                IngressCount = 1,
                BySeverity = Counts((payload, 1)),
                FindingIds = [payload],
            },
        ],
        Exceptions = [new(payload, payload, payload, payload, payload, payload, payload, 1)],
        RuleErrors = [new(payload, payload)],
        Rules = [new(payload, payload, payload, payload, payload, payload)],
        Inventory = Dictionary((payload, 1)),
        UnknownKinds = Dictionary((payload, 1)),
        Drift = new ReportDrift
        {
            ScanId = 2,
            Previous = new ReportDriftBaseline(1, Started, Started),
            Complete = false,
            New = [new(payload, payload, payload, payload, payload, new(payload, payload, payload), payload, payload)],
            Resolved = [new(payload, payload, payload, payload, payload, new(payload, payload, payload), payload, payload)],
            Reopened = [new(payload, payload, payload, payload, payload, new(payload, payload, payload), payload, payload)],
            Excepted = [new(payload, payload, payload, payload, payload, new(payload, payload, payload), payload, payload)],
            ObjectsCompared = true,
            ObjectChanges = [new(new(payload, payload, payload), payload, [new(payload, payload, payload)], [new(payload, payload, Started)])],
            DutyChanges = [new(payload, payload, payload, payload, false, payload, payload)],
            PermissionChanges =
            [
                new(payload, payload, payload, payload, payload, payload, payload, null),
                new(payload, payload, payload, payload, payload, payload, payload, payload),
            ],
        },
        SigningKey = new ReportSigningKey(payload, payload),
    };

    private static ReportFinding CriticalRbac() => new()
    {
        Id = "a3f9c1d2e4b5a6c7",
        RuleId = "SOD-RBAC-001",
        Title = "Namespace subject can write cluster-layer objects",
        Severity = "critical",
        Layer = "cluster",
        State = "open",
        Message = "Group:payments-devs can create clusterrolebindings via ClusterRoleBinding/payments-admin -> ClusterRole/cluster-admin",
        Remediation = "Bind the group with a RoleBinding in its own namespaces, or move cluster-layer duties to the platform team.",
        Object = new("ClusterRoleBinding", null, "payments-admin"),
        Subject = "Group:payments-devs",
        Namespace = null,
        Team = null,
        Evidence =
        [
            new("subject", "Group:payments-devs", "member of team payments (namespace layer)"),
            new("binding", "ClusterRoleBinding/payments-admin", "roleRef ClusterRole/cluster-admin"),
            new("role", "ClusterRole/cluster-admin", "rules[0]"),
            new("rule", "rules[0]", "apiGroups: [*], resources: [*], verbs: [*]"),
        ],
        Source = new("cluster:prod-eu-1", 0, 0),
        Exception = null,
        DocUrl = "docs/rules/SOD-RBAC-001.md",
    };

    private static ReportFinding HostIngress() => new()
    {
        Id = "5be1a27c90d4e3f6",
        RuleId = "SOD-ING-001",
        Title = "Ingress host outside the team's host boundary",
        Severity = "high",
        Layer = "namespace",
        State = "open",
        Message = "Ingress payments/checkout serves shop.example.com, which belongs to team shop",
        Remediation = "Serve only hosts of the team's boundary, or ask the platform team to extend the boundary in scanner.yaml.",
        Object = new("Ingress", "payments", "checkout"),
        Subject = null,
        Namespace = "payments",
        Team = "payments",
        Evidence =
        [
            new("field", "Ingress/payments/checkout spec.rules[1].host", "shop.example.com"),
            new("boundary", "team payments hosts", "pay.example.com, *.pay.example.com"),
        ],
        Source = new("manifests/payments/ingress.yaml", 1, 12),
        Exception = null,
        DocUrl = "docs/rules/SOD-ING-001.md",
    };

    private static ReportFinding ExceptedTls() => new()
    {
        Id = "0c9d8e7f6a5b4c3d",
        RuleId = "SOD-ING-002",
        Title = "Ingress without TLS where the team requires it",
        Severity = "medium",
        Layer = "namespace",
        State = "excepted",
        Message = "Ingress payments/legacy-callback serves callback.pay.example.com without TLS",
        Remediation = "Add a spec.tls entry covering every host.",
        Object = new("Ingress", "payments", "legacy-callback"),
        Subject = null,
        Namespace = "payments",
        Team = "payments",
        Evidence = [new("field", "Ingress/payments/legacy-callback spec.tls", "absent")],
        Source = new("manifests/payments/legacy.yaml", 0, 1),
        Exception = new("Partner callback cannot do TLS until Q3 migration", "jane.doe@example.com (CISO)", "2025-09-30"),
        DocUrl = "docs/rules/SOD-ING-002.md",
    };

    private static ReportFinding StaleException() => new()
    {
        Id = "e1d2c3b4a5968778",
        RuleId = "SOD-GOV-002",
        Title = "Exception matches no finding",
        Severity = "low",
        Layer = "security",
        State = "open",
        Message = "Exception for SOD-ING-001 on Ingress/shop/old-promo matched no finding",
        Remediation = "Remove the exception from scanner.yaml.",
        Object = null,
        Subject = null,
        Namespace = null,
        Team = null,
        Evidence = [new("object", "scanner.yaml exceptions[2]", "SOD-ING-001 Ingress/shop/old-promo")],
        Source = null,
        Exception = null,
        DocUrl = "docs/rules/SOD-GOV-002.md",
    };

    private static ImmutableArray<ReportCount> Counts(params (string Name, int Count)[] counts) =>
        [.. counts.Select(c => new ReportCount(c.Name, c.Count))];

    private static ImmutableSortedDictionary<string, int> Dictionary(params (string Name, int Count)[] counts) =>
        counts.ToImmutableSortedDictionary(c => c.Name, c => c.Count, StringComparer.Ordinal);
}
