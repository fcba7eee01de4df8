namespace ComplianceScanner.Fuzz.Tests.Generation;

/// <summary>An alias (<c>*name</c>); YAML only.</summary>
internal sealed record FAlias(string Name) : FNode;
