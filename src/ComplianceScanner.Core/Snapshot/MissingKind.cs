namespace ComplianceScanner.Core.Snapshot;

/// <summary>A kind that could not be read (completely): why, and the RBAC permission the reader lacks when that is the cause.</summary>
/// <param name="Kind">Resource, e.g. <c>secrets</c> or <c>ingresses.networking.k8s.io</c>.</param>
/// <param name="Reason">What went wrong, in words a person can act on.</param>
/// <param name="RequiredPermission">E.g. <c>list secrets (core) cluster-wide</c>, when a 403 was the cause.</param>
public sealed record MissingKind(string Kind, string Reason, string? RequiredPermission = null);
