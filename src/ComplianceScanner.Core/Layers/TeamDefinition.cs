using System.Collections.Immutable;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Layers;

/// <summary>An application team of the namespace layer: who it is, where it may act, and what it may publish.</summary>
public sealed record TeamDefinition
{
    public required string Name { get; init; }

    public ImmutableArray<Subject> Subjects { get; init; } = [];

    /// <summary>Namespace names or globs (<c>*</c>, <c>?</c>) the team owns.</summary>
    public ImmutableArray<string> Namespaces { get; init; } = [];

    /// <summary>Alternatively (or additionally) the namespaces whose labels match this selector.</summary>
    public LabelSelector? NamespaceSelector { get; init; }

    /// <summary>Host patterns the team may publish; <c>*.example.com</c> covers exactly one DNS label, as in Ingress.</summary>
    public ImmutableArray<string> Hosts { get; init; } = [];

    /// <summary>IngressClasses the team may use; empty means any class.</summary>
    public ImmutableArray<string> IngressClasses { get; init; } = [];

    public ImmutableArray<string> Duties { get; init; } = [];

    public bool RequireTls { get; init; }

    /// <summary>
    /// Gateways (<c>namespace/name</c>, globs allowed) the team's HTTPRoutes and GRPCRoutes may attach to; empty means any
    /// Gateway whose listeners admit the team's namespaces.
    /// </summary>
    public ImmutableArray<string> Gateways { get; init; } = [];

    /// <summary>Where the team's reports and alerts go (e-mail addresses or channel names).</summary>
    public ImmutableArray<string> Contacts { get; init; } = [];
}
