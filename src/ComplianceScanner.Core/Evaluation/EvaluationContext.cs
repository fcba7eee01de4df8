using System.Collections.Frozen;
using System.Collections.Immutable;
using ComplianceScanner.Core.Duties;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;
using ComplianceScanner.Core.Snapshot;

namespace ComplianceScanner.Core.Evaluation;

/// <summary>
/// Everything a rule may read: the snapshot, the layer model, and indexes built once per scan
/// (objects by namespace and name, namespace ownership) so rules never scan lists pairwise.
/// </summary>
public sealed class EvaluationContext
{
    private readonly FrozenDictionary<(string Ns, string Name), ServiceObject> services;
    private readonly FrozenDictionary<(string Ns, string Name), SecretMetadata> secrets;
    private readonly FrozenDictionary<string, IngressClass> ingressClasses;
    private readonly Lazy<PermissionIndex> permissions;
    private readonly Lazy<DutyAnalysis> duties;

    public EvaluationContext(ClusterSnapshot snapshot, ScannerConfig config, DateOnly today, PermissionIndex? permissions = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(config);
        Snapshot = snapshot;
        Config = config;
        Today = today;
        Ownership = new NamespaceOwnership(config, snapshot.Namespaces);
        services = ByNamespaceAndName(snapshot.Services);
        secrets = ByNamespaceAndName(snapshot.Secrets);
        ingressClasses = snapshot.IngressClasses
            .GroupBy(c => c.Metadata.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        this.permissions = permissions is null
            ? new Lazy<PermissionIndex>(() => PermissionIndex.Build(snapshot), LazyThreadSafetyMode.ExecutionAndPublication)
            : new Lazy<PermissionIndex>(permissions);
        DefaultIngressClasses = [.. snapshot.IngressClasses.Where(c => c.IsDefault).OrderBy(c => c.Metadata.Name, StringComparer.Ordinal)];
        duties = new Lazy<DutyAnalysis>(() => DutyAnalysis.Build(config, Permissions, Ownership, snapshot), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The context after an RBAC change: everything but the RBAC objects, the index and the duty analysis is shared.</summary>
    private EvaluationContext(EvaluationContext previous, ClusterSnapshot snapshot, PermissionIndex permissions, Func<EvaluationContext, DutyAnalysis> duties)
    {
        Snapshot = snapshot;
        Config = previous.Config;
        Today = previous.Today;
        Ownership = previous.Ownership;
        services = previous.services;
        secrets = previous.secrets;
        ingressClasses = previous.ingressClasses;
        DefaultIngressClasses = previous.DefaultIngressClasses;
        this.permissions = new Lazy<PermissionIndex>(permissions);
        this.duties = new Lazy<DutyAnalysis>(() => duties(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// The context after an RBAC-only change (bindings or roles): keeps every other index, so re-evaluating one changed
    /// binding on a large cluster does not rebuild the Service, Secret and namespace indexes.
    /// </summary>
    public EvaluationContext WithRbac(ClusterSnapshot snapshot, PermissionIndex permissions)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(permissions);
        // Roles may have changed too, so the duty analysis is built afresh (see WithBindingChanged for the cheap path).
        return new EvaluationContext(this, snapshot, permissions, next => DutyAnalysis.Build(next.Config, permissions, next.Ownership, snapshot));
    }

    public ClusterSnapshot Snapshot { get; }

    public ScannerConfig Config { get; }

    /// <summary>The scan's date (from the injected clock), for exception expiry.</summary>
    public DateOnly Today { get; }

    public NamespaceOwnership Ownership { get; }

    /// <summary>Effective permissions (the Resolve stage), built on first use or passed in when already indexed.</summary>
    public PermissionIndex Permissions => permissions.Value;

    /// <summary>
    /// Who holds which duty where, judged against the layers (built on first use, shared by every rule of the scan; see
    /// <see cref="DutyAnalysis"/>).
    /// </summary>
    public DutyAnalysis Duties => duties.Value;

    /// <summary>IngressClasses annotated as default, by name.</summary>
    public ImmutableArray<IngressClass> DefaultIngressClasses { get; }

    /// <summary>
    /// True when the snapshot could not read the given resource (plural, e.g. <c>secrets</c>): rules that would conclude
    /// "missing" from its absence stay silent, and the scan is already marked incomplete.
    /// </summary>
    public bool IsMissing(string resource) => Snapshot.Missing.Any(m =>
        m.Kind.Equals(resource, StringComparison.OrdinalIgnoreCase)
        || m.Kind.StartsWith(resource + ".", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The class an Ingress is served by: <c>spec.ingressClassName</c>, else the legacy annotation, else the single default
    /// IngressClass; null when none applies (no class and zero or several defaults).
    /// </summary>
    public string? EffectiveIngressClass(Ingress ingress)
    {
        ArgumentNullException.ThrowIfNull(ingress);
        return ingress.IngressClassName ?? (DefaultIngressClasses.Length == 1 ? DefaultIngressClasses[0].Metadata.Name : null);
    }

    /// <summary>
    /// The context of the snapshot in which <paramref name="before"/> is replaced by <paramref name="after"/> (null
    /// <paramref name="before"/> adds, null <paramref name="after"/> removes; bindings are identified by kind, namespace
    /// and name). The permission index is derived with <see cref="PermissionIndex.WithBindingChanged"/>, and a duty
    /// analysis whose complete table is built is derived by recomputing only the binding's subjects, so re-evaluating
    /// after one change costs a few subjects, not a scan.
    /// </summary>
    public EvaluationContext WithBindingChanged(RbacBinding? before, RbacBinding? after)
    {
        var index = Permissions.WithBindingChanged(before, after);
        var snapshot = ReplaceBinding(Snapshot, before, after);
        var derivable = duties.IsValueCreated && duties.Value.IsComplete ? duties.Value : null;
        var changed = SubjectIdentity.Changed(before, after);
        return new EvaluationContext(
            this,
            snapshot,
            index,
            next => derivable is not null
                ? derivable.WithBindingChanged(index, snapshot, changed)
                : DutyAnalysis.Build(next.Config, index, next.Ownership, snapshot));
    }

    public ServiceObject? FindService(string ns, string name) => services.GetValueOrDefault((ns, name));

    public SecretMetadata? FindSecret(string ns, string name) => secrets.GetValueOrDefault((ns, name));

    public IngressClass? FindIngressClass(string name) => ingressClasses.GetValueOrDefault(name);

    private static ClusterSnapshot ReplaceBinding(ClusterSnapshot snapshot, RbacBinding? before, RbacBinding? after)
    {
        static bool Same(RbacBinding a, RbacBinding? b) =>
            b is not null && a.IsClusterBinding == b.IsClusterBinding
            && string.Equals(a.Metadata.Namespace, b.Metadata.Namespace, StringComparison.Ordinal)
            && string.Equals(a.Metadata.Name, b.Metadata.Name, StringComparison.Ordinal);

        ImmutableArray<RbacBinding> Replace(ImmutableArray<RbacBinding> list, bool cluster)
        {
            var b = list.ToBuilder();
            var at = -1;
            for (var i = b.Count - 1; i >= 0; i--)
            {
                if (Same(b[i], before) || Same(b[i], after))
                {
                    b.RemoveAt(i);
                    at = i;
                }
            }

            if (after is not null && after.IsClusterBinding == cluster)
            {
                b.Insert(at < 0 ? b.Count : at, after);
            }

            return b.ToImmutable();
        }

        // The digest describes the inputs read, which this in-memory change no longer matches.
        return snapshot with
        {
            Digest = string.Empty,
            RoleBindings = Replace(snapshot.RoleBindings, cluster: false),
            ClusterRoleBindings = Replace(snapshot.ClusterRoleBindings, cluster: true),
        };
    }

    private static FrozenDictionary<(string Ns, string Name), T> ByNamespaceAndName<T>(ImmutableArray<T> items)
        where T : KubeObject =>
        items.GroupBy(i => (i.Metadata.Namespace ?? string.Empty, i.Metadata.Name))
            .ToFrozenDictionary(g => g.Key, g => g.First());
}
