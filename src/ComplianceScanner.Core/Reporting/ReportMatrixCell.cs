using System.Collections.Immutable;

namespace ComplianceScanner.Core.Reporting;

/// <summary>A duty a subject holds: where (<c>cluster-wide</c> and/or namespaces), and where its layer does not allow it.</summary>
public sealed record ReportMatrixCell(string Duty, ImmutableArray<string> Scopes, ImmutableArray<string> NotAllowedScopes);
