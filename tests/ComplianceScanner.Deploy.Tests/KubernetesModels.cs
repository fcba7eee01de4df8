using ComplianceScanner.Deploy.Tests.Kustomize;
using ComplianceScanner.Deploy.Tests.Models;
using k8s;

namespace ComplianceScanner.Deploy.Tests;

/// <summary>
/// Deserialises rendered objects into KubernetesClient's typed models, strictly: a field the model does not have (a
/// typo, a wrong level, a field of another API version) throws. Custom resources deploy/ uses get a model here.
/// </summary>
public static class KubernetesModels
{
    private static readonly Dictionary<string, Type> CustomTypes = new(StringComparer.Ordinal)
    {
        ["monitoring.coreos.com/v1/ServiceMonitor"] = typeof(ServiceMonitor),
    };

    public static object Deserialize(RenderedObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return Deserialize(obj.ToYaml());
    }

    public static object Deserialize(string yaml)
    {
        var objects = KubernetesYaml.LoadAllFromString(yaml, CustomTypes, strict: true);
        return objects.Count == 1 ? objects[0] : throw new InvalidOperationException($"expected one object, found {objects.Count}");
    }

    /// <summary>The typed objects of a variant of type <typeparamref name="T"/>.</summary>
    public static List<T> OfType<T>(IEnumerable<RenderedObject> objects) => [.. objects.Select(Deserialize).OfType<T>()];
}
