using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules.Ingress;

/// <summary>Finds ingress-nginx controller containers and the ConfigMaps that configure them.</summary>
internal static class IngressNginxControllers
{
    private static readonly string[] ConventionalConfigMapNames = ["ingress-nginx-controller", "nginx-configuration"];

    public static IEnumerable<(Workload Workload, WorkloadContainer Container, Version? Version)> Containers(IEnumerable<Workload> workloads)
    {
        foreach (var w in workloads)
        {
            foreach (var c in w.Containers)
            {
                if (IngressNginxFacts.TryParseControllerImage(c.Image, out var version))
                {
                    yield return (w, c, version);
                }
            }
        }
    }

    /// <summary>ConfigMaps named by a controller's <c>--configmap</c> flag, or by the chart's naming convention.</summary>
    public static IEnumerable<ConfigMapObject> ConfigMaps(IEnumerable<Workload> workloads, IEnumerable<ConfigMapObject> configMaps)
    {
        var referenced = new HashSet<(string, string)>();
        foreach (var (w, c, _) in Containers(workloads))
        {
            foreach (var arg in c.Args)
            {
                if (!arg.StartsWith("--configmap=", StringComparison.Ordinal))
                {
                    continue;
                }

                var value = arg["--configmap=".Length..].Replace("$(POD_NAMESPACE)", w.Metadata.Namespace, StringComparison.Ordinal);
                var slash = value.IndexOf('/', StringComparison.Ordinal);
                if (slash > 0)
                {
                    referenced.Add((value[..slash], value[(slash + 1)..]));
                }
            }
        }

        return configMaps.Where(cm =>
            referenced.Contains((cm.Metadata.Namespace ?? string.Empty, cm.Metadata.Name))
            || ConventionalConfigMapNames.Contains(cm.Metadata.Name, StringComparer.Ordinal)
            || cm.Metadata.Name.EndsWith("-ingress-nginx-controller", StringComparison.Ordinal));
    }
}
