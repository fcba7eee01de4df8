using System.Collections.Immutable;
using ComplianceScanner.Core.Layers;

namespace ComplianceScanner.Delivery;

/// <summary>One message of a schedule: its audience key (<c>security</c>, <c>recipients</c>, <c>team:NAME</c>), how it is named in the text, its addresses, and the team whose part of the report it gets (null: everything).</summary>
public sealed record ReportAudienceTarget(string Key, string Display, ImmutableArray<string> Recipients, TeamDefinition? Team)
{
    /// <summary>The messages of a schedule: one for the security layer or the named recipients, or one per team with e-mail contacts.</summary>
    public static ImmutableArray<ReportAudienceTarget> Of(ReportSchedule schedule, ScannerConfig config)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(config);
        return schedule.Audience.Kind switch
        {
            ReportAudienceKind.Security => [new("security", "the security layer", ContactAddresses.EmailsOf(config.SecurityLayer.Contacts), null)],
            ReportAudienceKind.Recipients => [new("recipients", "the named recipients", ContactAddresses.EmailsOf(schedule.Audience.Recipients), null)],
            _ => [.. config.Teams
                .Select(t => new ReportAudienceTarget("team:" + t.Name, "team " + t.Name, ContactAddresses.EmailsOf(t.Contacts), t))
                .Where(t => !t.Recipients.IsEmpty)],
        };
    }
}
