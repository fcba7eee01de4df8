using System.Collections.Immutable;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>A rule that reads Secrets of any name (SOD-RBAC-008), and which of get, list and watch it allows.</summary>
internal sealed record SecretReadHit(ResolvedRule Rule, ImmutableArray<string> Verbs);
