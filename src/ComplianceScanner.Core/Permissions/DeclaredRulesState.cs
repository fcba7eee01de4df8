namespace ComplianceScanner.Core.Permissions;

/// <summary>How the <c>rules</c> an aggregated ClusterRole carries compare with the union the scanner computes.</summary>
public enum DeclaredRulesState
{
    /// <summary>The role carries no rules while the computed union has some: a manifest the controller has not filled.</summary>
    NotFilled,

    /// <summary>Same rules in the same order: what the aggregation controller writes.</summary>
    Identical,

    /// <summary>Same set of rules in another order.</summary>
    SameRulesDifferentOrder,

    /// <summary>The carried rules differ from the computed union (stale, hand-edited, or sources missing from the input).</summary>
    Different,
}
