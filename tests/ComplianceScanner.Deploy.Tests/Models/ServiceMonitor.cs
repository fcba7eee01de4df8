using k8s;
using k8s.Models;

namespace ComplianceScanner.Deploy.Tests.Models;

/// <summary>The Prometheus Operator's ServiceMonitor (monitoring.coreos.com/v1), the fields deploy/ may use.</summary>
public sealed class ServiceMonitor : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public V1ObjectMeta Metadata { get; set; } = new();

    public ServiceMonitorSpec Spec { get; set; } = new();
}
