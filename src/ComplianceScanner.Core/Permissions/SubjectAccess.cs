using System.Collections.Immutable;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Permissions;

/// <summary>A subject (as named in bindings) that <see cref="PermissionIndex.WhoCan"/> found, with the grants that allow the request.</summary>
public sealed record SubjectAccess(Subject Subject, ImmutableArray<Grant> Grants);
