using System.Collections.Immutable;

namespace ComplianceScanner.Core.Reporting;

/// <summary>An Ingress, IngressClass or RBAC object added, removed or modified, with its field changes and who made them.</summary>
/// <param name="Object">The object.</param>
/// <param name="Change"><c>added</c>, <c>removed</c> or <c>modified</c>.</param>
/// <param name="Fields">Changed fields.</param>
/// <param name="Managers">Field managers (managedFields) that wrote the object since the previous scan; empty when unknown.</param>
public sealed record ReportObjectChange(ReportObject Object, string Change, ImmutableArray<ReportFieldChange> Fields, ImmutableArray<ReportFieldManager> Managers);
