using System.Collections.Immutable;
using ComplianceScanner.Core.Diff;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Snapshot;

namespace ComplianceScanner.Core.Tests.Diff;

public sealed class ObjectDiffTests
{
    private static readonly DateTimeOffset Before = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private static Ingress Ingress(string host, params ManagedFieldsEntry[] managers) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = "promo",
            Namespace = "shop",
            Annotations = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("kubectl.kubernetes.io/last-applied-configuration", "{\"host\":\"" + host + "\"}")]),
            ManagedFields = [.. managers],
        },
        IngressClassName = "nginx",
        Rules = [new IngressRule(host, [new IngressPath("/", "Prefix", new IngressBackend { ServiceName = "promo", ServicePortNumber = 80 })])],
        Tls = [new IngressTls(["a.example.com", "b.example.com"], "promo-tls")],
    };

    [Fact]
    public void Ingress_fields_are_flattened_with_kubernetes_paths()
    {
        var fields = ObjectFields.Of(Ingress("promo.example.com"));

        Assert.Equal(
            [
                "spec.ingressClassName=nginx",
                "spec.rules[0].host=promo.example.com",
                "spec.rules[0].http.paths[0].path=/",
                "spec.rules[0].http.paths[0].pathType=Prefix",
                "spec.rules[0].http.paths[0].backend.service.name=promo",
                "spec.rules[0].http.paths[0].backend.service.port.number=80",
                "spec.tls[0].hosts=[a.example.com, b.example.com]",
                "spec.tls[0].secretName=promo-tls",
            ],
            fields.Select(f => $"{f.Key}={f.Value}"));
    }

    [Fact]
    public void Modified_object_lists_changed_fields_and_only_the_managers_that_wrote_since()
    {
        var old = Ingress("promo.example.com", new ManagedFieldsEntry("helm", "Update", Before, null), new ManagedFieldsEntry("nginx-controller", "Update", Before, "status"));
        var now = Ingress(
            "evil.example.org",
            new ManagedFieldsEntry("helm", "Update", Before, null),
            new ManagedFieldsEntry("nginx-controller", "Update", Before.AddHours(2), "status"),
            new ManagedFieldsEntry("kubectl-edit", "Update", Before.AddHours(1), null));

        var changes = ObjectDiff.Compare(new ClusterSnapshot { Ingresses = [old] }, new ClusterSnapshot { Ingresses = [now] });

        var change = Assert.Single(changes);
        Assert.Equal(ObjectChangeKind.Modified, change.Change);
        Assert.Equal(["spec.rules[0].host: promo.example.com → evil.example.org"], change.Fields.Select(f => f.ToString()));
        Assert.Equal(["kubectl-edit"], change.Managers.Select(m => m.Manager));
    }

    [Fact]
    public void Manager_whose_time_advanced_is_a_writer()
    {
        var old = Ingress("a.example.com", new ManagedFieldsEntry("argocd", "Apply", Before, null));
        var now = Ingress("b.example.com", new ManagedFieldsEntry("argocd", "Apply", Before.AddMinutes(5), null));

        Assert.Equal(["argocd"], ObjectDiff.Writers(old, now).Select(m => m.Manager));
        Assert.Empty(ObjectDiff.Writers(old, old));
    }

    [Fact]
    public void Unchanged_objects_and_untracked_kinds_give_no_change()
    {
        var ingress = Ingress("a.example.com");
        var service = new ServiceObject { Metadata = new ObjectMeta { Name = "s", Namespace = "shop" } };

        var changes = ObjectDiff.Compare(
            new ClusterSnapshot { Ingresses = [ingress], Services = [service] },
            new ClusterSnapshot { Ingresses = [ingress with { Metadata = ingress.Metadata with { ResourceVersion = "2" } }] });

        Assert.Empty(changes);
    }

    [Fact]
    public void Rbac_objects_added_removed_and_modified_are_reported_in_kind_order()
    {
        var role = new RbacRole
        {
            Metadata = new ObjectMeta { Name = "ingress-admin" },
            Rules = [new PolicyRule { ApiGroups = ["", "networking.k8s.io"], Resources = ["ingresses"], Verbs = ["get"] }],
        };
        var binding = new RbacBinding
        {
            Metadata = new ObjectMeta { Name = "ops", Namespace = "shop" },
            RoleRef = new RoleRef("ClusterRole", "ingress-admin"),
            Subjects = [Subject.Group("ops")],
        };
        var widened = role with { Rules = [role.Rules[0] with { Verbs = ["get", "update"] }] };
        var crb = new RbacBinding { Metadata = new ObjectMeta { Name = "all" }, RoleRef = new RoleRef("ClusterRole", "view") };

        var changes = ObjectDiff.Compare(
            new ClusterSnapshot { ClusterRoles = [role], RoleBindings = [binding] },
            new ClusterSnapshot { ClusterRoles = [widened], ClusterRoleBindings = [crb] });

        Assert.Equal(
            ["Modified ClusterRole/ingress-admin", "Added ClusterRoleBinding/all", "Removed RoleBinding/shop/ops"],
            changes.Select(c => $"{c.Change} {c.Object}"));
        Assert.Equal(["rules[0].verbs: [get] → [get, update]"], changes[0].Fields.Select(f => f.ToString()));
        Assert.Contains(new FieldChange("rules[0].apiGroups", "[\"\", networking.k8s.io]", null), ObjectDiff.Compare(new ClusterSnapshot { ClusterRoles = [role] }, ClusterSnapshot.Empty)[0].Fields);
        Assert.Contains(new FieldChange("subjects[0].name", "ops", null), changes[2].Fields);
    }

    [Fact]
    public void Recreated_object_shows_its_new_uid()
    {
        var a = Ingress("a.example.com") with { Metadata = Ingress("a.example.com").Metadata with { Uid = "1" } };
        var b = a with { Metadata = a.Metadata with { Uid = "2" } };

        Assert.Equal([new FieldChange("metadata.uid", "1", "2")], ObjectDiff.Modified(a, b).ToArray());
    }
}
