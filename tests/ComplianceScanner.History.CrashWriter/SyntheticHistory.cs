using System.Collections.Immutable;
using System.Globalization;
using ComplianceScanner.Core.Diff;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Snapshot;

namespace ComplianceScanner.History.CrashWriter;

/// <summary>
/// Deterministic synthetic scans of one changing cluster: version <c>v</c> differs from <c>v-1</c> in a few percent of
/// its findings and objects, as consecutive real scans do.
/// </summary>
public static class SyntheticHistory
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Scan number <paramref name="version"/> with <paramref name="findings"/> findings and objects to match.</summary>
    public static ScanRecording Scan(string cluster, int version, int findings)
    {
        var at = Epoch.AddHours(version);
        return new ScanRecording
        {
            Cluster = cluster,
            StartedAt = at,
            FinishedAt = at.AddSeconds(5),
            Snapshot = Snapshot(version, findings),
            Findings = Findings(version, findings),
            Complete = true,
            ConfigDigest = "synthetic-config",
            RulesetVersion = "synthetic",
            ScannerVersion = "0.0.0",
        };
    }

    /// <summary>Findings: index i is stable, except that each version replaces a different 2 % of them.</summary>
    public static ImmutableArray<ScanFinding> Findings(int version, int count)
    {
        var result = ImmutableArray.CreateBuilder<ScanFinding>(count);
        for (var i = 0; i < count; i++)
        {
            var churn = i % 50 == version % 50 ? version : 0;
            var ns = "team-" + (i % 100).ToString("000", CultureInfo.InvariantCulture);
            var name = "app-" + i.ToString(CultureInfo.InvariantCulture);
            var host = $"{name}-{churn}.example.org";
            var finding = new Finding
            {
                RuleId = "SOD-ING-001",
                Title = "Ingress host outside the team's hosts",
                Severity = (Severity)(i % 5),
                Layer = Layer.Namespace,
                Message = $"Ingress {ns}/{name} publishes host {host}, which team {ns} was not given.",
                Remediation = "Use a host inside the team's declared hosts.",
                Object = new ObjectReference("Ingress", ns, name),
                Namespace = ns,
                Team = ns,
                Key = host,
                State = i % 97 == 0 ? FindingState.Excepted : FindingState.Open,
                Exception = i % 97 == 0 ? new AppliedException("legacy partner host", "security-board", new DateOnly(2027, 1, 31)) : null,
            };
            result.Add(ScanFinding.From(finding));
        }

        return result.MoveToImmutable();
    }

    /// <summary>One Ingress per finding and a Role and RoleBinding per hundred, with one Ingress edited per version.</summary>
    public static ClusterSnapshot Snapshot(int version, int count)
    {
        var ingresses = ImmutableArray.CreateBuilder<Ingress>(count);
        for (var i = 0; i < count; i++)
        {
            var ns = "team-" + (i % 100).ToString("000", CultureInfo.InvariantCulture);
            var name = "app-" + i.ToString(CultureInfo.InvariantCulture);
            var edited = i == version % Math.Max(1, count);
            ingresses.Add(new Ingress
            {
                Metadata = new ObjectMeta
                {
                    Name = name,
                    Namespace = ns,
                    Labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("team", ns)]),
                    ManagedFields = [new ManagedFieldsEntry(edited ? "kubectl-edit" : "helm", "Update", Epoch.AddHours(edited ? version : 0), null)],
                },
                IngressClassName = "nginx",
                Rules = [new IngressRule($"{name}{(edited ? "-edited" : string.Empty)}.example.org", [new IngressPath("/", "Prefix", new IngressBackend { ServiceName = name, ServicePortNumber = 80 })])],
            });
        }

        var roles = ImmutableArray.CreateBuilder<RbacRole>();
        var bindings = ImmutableArray.CreateBuilder<RbacBinding>();
        for (var t = 0; t < Math.Max(1, count / 100); t++)
        {
            var ns = "team-" + t.ToString("000", CultureInfo.InvariantCulture);
            roles.Add(new RbacRole
            {
                Metadata = new ObjectMeta { Name = "ingress-editor", Namespace = ns },
                Rules = [new PolicyRule { ApiGroups = ["networking.k8s.io"], Resources = ["ingresses"], Verbs = ["get", "list", "create", "update", "patch", "delete"] }],
            });
            bindings.Add(new RbacBinding
            {
                Metadata = new ObjectMeta { Name = "ingress-editors", Namespace = ns },
                RoleRef = new RoleRef("Role", "ingress-editor"),
                Subjects = [Subject.Group(ns + (t == version % 100 ? "-admins" : "-devs"))],
            });
        }

        return new ClusterSnapshot
        {
            Ingresses = ingresses.MoveToImmutable(),
            Roles = roles.ToImmutable(),
            RoleBindings = bindings.ToImmutable(),
            Sources = ["synthetic"],
            Digest = "synthetic-" + version.ToString(CultureInfo.InvariantCulture),
        };
    }
}
