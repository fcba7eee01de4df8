using System.Collections.Immutable;

namespace ComplianceScanner.Fuzz.Tests.Generation;

/// <summary>A mapping; entries keep their order and may repeat a key.</summary>
internal sealed record FMap(ImmutableArray<FEntry> Entries) : FNode;
