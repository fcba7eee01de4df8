using k8s.Models;

namespace ComplianceScanner.Deploy.Tests.Models;

/// <summary>ServiceMonitor <c>spec</c>.</summary>
public sealed class ServiceMonitorSpec
{
    public V1LabelSelector? Selector { get; set; }

    public ServiceMonitorNamespaceSelector? NamespaceSelector { get; set; }

    public List<ServiceMonitorEndpoint> Endpoints { get; set; } = [];

    public string? JobLabel { get; set; }

    public List<string>? TargetLabels { get; set; }
}
