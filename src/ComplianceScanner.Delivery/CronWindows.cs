using Quartz;

namespace ComplianceScanner.Delivery;

/// <summary>Report windows from a schedule's Quartz cron (UTC): a window starts at a fire time.</summary>
public static class CronWindows
{
    private static readonly TimeSpan[] LookBacks = [TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(32), TimeSpan.FromDays(366), TimeSpan.FromDays(366 * 8)];

    /// <summary>The latest fire time at or before <paramref name="now"/>: the window a report sent now belongs to; null when the cron never fired in the last years.</summary>
    /// <exception cref="FormatException">The expression is not a valid Quartz cron expression.</exception>
    public static DateTimeOffset? Current(string cron, DateTimeOffset now)
    {
        var expression = new CronExpression(cron, TimeZoneInfo.Utc);

        // Quartz only looks forward: step back far enough to find a fire time, then walk forward to the last one not after now.
        foreach (var back in LookBacks)
        {
            var fire = expression.GetNextValidTimeAfter(now - back - TimeSpan.FromSeconds(1));
            if (fire is null || fire > now)
            {
                continue;
            }

            while (expression.GetNextValidTimeAfter(fire.Value) is { } next && next <= now)
            {
                fire = next;
            }

            return fire;
        }

        return null;
    }
}
