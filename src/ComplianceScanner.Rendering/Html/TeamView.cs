using System.Collections.Immutable;
using ComplianceScanner.Core.Reporting;

namespace ComplianceScanner.Rendering.Html;

/// <summary>A team with its findings resolved from the ids the report lists for it.</summary>
internal sealed record TeamView(ReportTeam Team, ImmutableArray<ReportFinding> Findings, int Open);
