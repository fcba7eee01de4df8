using System.Collections.Frozen;
using System.Collections.Immutable;
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
    }

    private EvaluationContext(EvaluationContext previous, ClusterSnapshot snapshot, PermissionIndex permissions)
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
    }

    /// <summary>
    /// The context after an RBAC-only change (bindings or roles): keeps every other index, so re-evaluating one changed
    /// binding on a large cluster does not rebuild the Service, Secret and namespace indexes.
    /// </summary>
    public EvaluationContext WithRbac(ClusterSnapshot snapshot, PermissionIndex permissions)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(permissions);
        return new EvaluationContext(this, snapshot, permissions);
    }

    public ClusterSnapshot Snapshot { get; }

    public ScannerConfig Config { get; }

    /// <summary>The scan's date (from the injected clock), for exception expiry.</summary>
    public DateOnly Today { get; }

    public NamespaceOwnership Ownership { get; }

    /// <summary>Effective permissions (the Resolve stage), built on first use or passed in when already indexed.</summary>
    public PermissionIndex Permissions => permissions.Value;

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

    public ServiceObject? FindService(string ns, string name) => services.GetValueOrDefault((ns, name));

    public SecretMetadata? FindSecret(string ns, string name) => secrets.GetValueOrDefault((ns, name));

    public IngressClass? FindIngressClass(string name) => ingressClasses.GetValueOrDefault(name);

    private static FrozenDictionary<(string Ns, string Name), T> ByNamespaceAndName<T>(ImmutableArray<T> items)
        where T : KubeObject =>
        items.GroupBy(i => (i.Metadata.Namespace ?? string.Empty, i.Metadata.Name))
            .ToFrozenDictionary(g => g.Key, g => g.First());
}
