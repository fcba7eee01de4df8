namespace ComplianceScanner.Rendering.PolicyReports;

/// <summary>
/// One PolicyReport (namespaced findings) or ClusterPolicyReport (cluster-scoped findings) object, serialized both
/// ways: <see cref="Json"/> (compact, what an API server stores and a server-side apply sends) and <see cref="Yaml"/>
/// (one document of report.policyreport.yaml). Both are within <see cref="PolicyReportWriter.MaxObjectBytes"/>.
/// </summary>
/// <param name="Kind"><c>PolicyReport</c> or <c>ClusterPolicyReport</c>.</param>
/// <param name="Namespace">The namespace of a PolicyReport; null for a ClusterPolicyReport.</param>
/// <param name="Name">The object name: <c>compliance-scanner</c>, or <c>compliance-scanner-N</c> when split.</param>
/// <param name="Results">How many results the object holds.</param>
/// <param name="Json">The object as compact JSON.</param>
/// <param name="Yaml">The object as one YAML document.</param>
public sealed record PolicyReportDocument(string Kind, string? Namespace, string Name, int Results, string Json, string Yaml);
