using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules.Joins;

/// <summary>
/// The Ingress half of SOD-ING-019: an IngressClass, the ingress-nginx controller serving it, and the controller ConfigMap
/// setting that lets Ingress authors inject configuration.
/// </summary>
public sealed record SnippetControllerRoute(IngressClass Class, Workload Controller, WorkloadContainer Container, ConfigMapObject ConfigMap, string Setting, string Value);
