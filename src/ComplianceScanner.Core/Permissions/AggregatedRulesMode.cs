namespace ComplianceScanner.Core.Permissions;

/// <summary>Which rules an aggregated ClusterRole grants in the <see cref="PermissionIndex"/>.</summary>
public enum AggregatedRulesMode
{
    /// <summary>
    /// The computed union followed by carried rules the union lacks. Equal to both when the controller has converged; from
    /// manifests (<c>rules: null</c>) it is the computed union; on disagreement it is the conservative choice, because the
    /// carried rules grant now and the computed ones will once the controller runs.
    /// </summary>
    Union,

    /// <summary>Only the union computed from the selected ClusterRoles (what the controller will write).</summary>
    Computed,

    /// <summary>Only the rules the role carries (what a live API server authorizes right now).</summary>
    Declared,
}
