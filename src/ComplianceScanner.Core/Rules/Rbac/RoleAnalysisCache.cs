using System.Runtime.CompilerServices;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// Memoises one rule's analysis of resolved roles. Roles are shared by thousands of bindings and survive
/// <see cref="PermissionIndex.WithBindingChanged"/> unchanged (a role change rebuilds the index and so the roles), so a
/// role is analysed once however many bindings and re-evaluations use it. Keys are weak: nothing outlives its index.
/// </summary>
/// <typeparam name="T">The analysis.</typeparam>
/// <param name="analyze">The analysis; a pure function of the role.</param>
internal sealed class RoleAnalysisCache<T>(Func<ResolvedRole, T> analyze)
    where T : class
{
    private readonly ConditionalWeakTable<ResolvedRole, T> cache = [];

    public T Get(ResolvedRole role) => cache.GetValue(role, r => analyze(r));
}
