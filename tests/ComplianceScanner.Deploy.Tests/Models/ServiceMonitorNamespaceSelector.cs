namespace ComplianceScanner.Deploy.Tests.Models;

/// <summary>ServiceMonitor <c>spec.namespaceSelector</c>.</summary>
public sealed class ServiceMonitorNamespaceSelector
{
    public bool? Any { get; set; }

    public List<string>? MatchNames { get; set; }
}
