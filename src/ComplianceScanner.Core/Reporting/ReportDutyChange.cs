namespace ComplianceScanner.Core.Reporting;

/// <summary>
/// A duty a subject gained or lost since the previous scan, in a namespace or cluster-wide (namespace null), with the
/// layer verdict: whether the subject's layer (or its team, in that namespace) declares the duty.
/// </summary>
/// <param name="Subject">The subject, as <c>Kind:name</c> (<c>ServiceAccount:ns/name</c>).</param>
/// <param name="Duty">The duty's name.</param>
/// <param name="Namespace">The namespace; null for cluster-wide.</param>
/// <param name="Change"><c>gained</c> or <c>lost</c>.</param>
/// <param name="Allowed">The subject's layer or team declares the duty there.</param>
/// <param name="Layer">The subject's layer: cluster, security, namespace or undeclared.</param>
/// <param name="Team">The subject's team when its layer is namespace; else null.</param>
public sealed record ReportDutyChange(string Subject, string Duty, string? Namespace, string Change, bool Allowed, string Layer, string? Team);
