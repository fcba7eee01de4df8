namespace ComplianceScanner.Core.Model;

/// <summary>One <c>spec.to</c> entry of a ReferenceGrant: objects of this group and kind (only this name, when given) may be referred to.</summary>
public sealed record ReferenceGrantTo(string Group, string Kind, string? Name);
