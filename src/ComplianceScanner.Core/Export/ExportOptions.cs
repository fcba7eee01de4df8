using System.Collections.Immutable;

namespace ComplianceScanner.Core.Export;

/// <summary>How the boundaries are exported.</summary>
public sealed record ExportOptions
{
    public static ExportOptions Default { get; } = new();

    /// <summary>The bindings' <c>validationActions</c>: Deny (default), or Warn / Audit to roll a policy out gently.</summary>
    public ImmutableArray<string> ValidationActions { get; init; } = ["Deny"];

    /// <summary>Namespaces that exist (from the snapshot), to turn team globs and selectors into RoleBindings.</summary>
    public ImmutableArray<Model.NamespaceObject> Namespaces { get; init; } = [];
}
