using System.Collections.Immutable;

namespace ComplianceScanner.Fuzz.Tests.Generation;

/// <summary>A sequence.</summary>
internal sealed record FSeq(ImmutableArray<FNode> Items) : FNode;
