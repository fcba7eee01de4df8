using System.Collections.Immutable;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Layers;

/// <summary>A named bundle of permissions: the vocabulary the layer boundaries are written in.</summary>
public sealed record Duty(string Name, string Description, ImmutableArray<PolicyRule> Rules, bool Builtin = false);
