namespace ComplianceScanner.Core.Reporting;

/// <summary>
/// An effective permission a subject gained or lost: a verb on a resource (API group, optional resource name) or on a
/// non-resource URL, in a namespace or cluster-wide (namespace null).
/// </summary>
public sealed record ReportPermissionChange(
    string Subject,
    string? Namespace,
    string Change,
    string Verb,
    string? ApiGroup,
    string? Resource,
    string? ResourceName,
    string? NonResourceUrl);
