namespace ComplianceScanner.Core.Model;

/// <summary>One <c>spec.from</c> entry of a ReferenceGrant: objects of this group and kind in this namespace may refer.</summary>
public sealed record ReferenceGrantFrom(string Group, string Kind, string Namespace);
