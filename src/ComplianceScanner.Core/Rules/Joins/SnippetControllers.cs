using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Rules.Ingress;
using ComplianceScanner.Core.Snapshot;

namespace ComplianceScanner.Core.Rules.Joins;

/// <summary>
/// Follows IngressClass -> spec.controller -> the ingress-nginx controller container whose <c>--controller-class</c>
/// (default <c>k8s.io/ingress-nginx</c>) equals it (narrowed by <c>--ingress-class</c> when several match) -> its
/// <c>--configmap</c> -> <c>allow-snippet-annotations: "true"</c> or <c>annotations-risk-level: Critical</c>.
/// </summary>
public static class SnippetControllers
{
    public const string DefaultControllerClass = "k8s.io/ingress-nginx";

    public static IEnumerable<SnippetControllerRoute> Find(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var controllers = IngressNginxControllers.Containers(snapshot.Workloads).Select(x => (x.Workload, x.Container)).ToList();
        var configMaps = snapshot.ConfigMaps.ToDictionary(c => (c.Metadata.Namespace ?? string.Empty, c.Metadata.Name), c => c);
        foreach (var cls in snapshot.IngressClasses.Where(c => c.Controller is not null))
        {
            var serving = controllers.Where(x => (Flag(x.Container, "--controller-class") ?? DefaultControllerClass) == cls.Controller).ToList();
            var byName = serving.Where(x => Flag(x.Container, "--ingress-class") == cls.Metadata.Name).ToList();
            foreach (var (workload, container) in byName.Count > 0 ? byName : serving)
            {
                if (Flag(container, "--configmap") is not { } reference)
                {
                    continue;
                }

                var value = reference.Replace("$(POD_NAMESPACE)", workload.Metadata.Namespace, StringComparison.Ordinal);
                var slash = value.IndexOf('/', StringComparison.Ordinal);
                if (slash <= 0 || !configMaps.TryGetValue((value[..slash], value[(slash + 1)..]), out var cm) || !cm.DataRetained)
                {
                    continue;
                }

                foreach (var (setting, risky) in new[] { ("allow-snippet-annotations", "true"), ("annotations-risk-level", "Critical") })
                {
                    if (cm.Data.TryGetValue(setting, out var actual) && string.Equals(actual.Trim(), risky, StringComparison.OrdinalIgnoreCase))
                    {
                        yield return new SnippetControllerRoute(cls, workload, container, cm, setting, actual);
                    }
                }
            }
        }
    }

    private static string? Flag(WorkloadContainer container, string name)
    {
        var prefix = name + "=";
        return container.Args.Where(a => a.StartsWith(prefix, StringComparison.Ordinal)).Select(a => a[prefix.Length..]).LastOrDefault();
    }
}
