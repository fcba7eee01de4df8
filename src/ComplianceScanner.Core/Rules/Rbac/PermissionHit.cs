using System.Collections.Immutable;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// A rule of a role that allows sensitive permissions (SOD-RBAC-011, SOD-RBAC-016): which ones, as (API group,
/// resource or resource/subresource, verb), and whether they apply to cluster-scoped resources only.
/// </summary>
internal sealed record PermissionHit(ResolvedRule Rule, ImmutableArray<SensitivePermission> Permissions);
