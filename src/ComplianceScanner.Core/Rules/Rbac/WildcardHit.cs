using System.Collections.Immutable;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>A rule of a role with wildcards (SOD-RBAC-007): which dimensions are wild, and how severe that is.</summary>
internal sealed record WildcardHit(ResolvedRule Rule, ImmutableArray<string> Dimensions, Severity Severity);
