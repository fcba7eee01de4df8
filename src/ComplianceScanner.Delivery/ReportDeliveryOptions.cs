using System.Diagnostics.Metrics;
using ComplianceScanner.History.Deliveries;

namespace ComplianceScanner.Delivery;

/// <summary>Tuning and collaborators of <see cref="ReportDeliveryService"/>; the defaults suit the agent.</summary>
public sealed record ReportDeliveryOptions
{
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The mail transport; null for SMTP with MailKit as <c>reports.smtp</c> says.</summary>
    public IMailTransport? Transport { get; init; }

    /// <summary>The agent's meter factory, so the counters are exported; null for a standalone meter.</summary>
    public IMeterFactory? MeterFactory { get; init; }

    /// <summary>How long a claimed delivery is held: nobody else sends it meanwhile; after it, a sender that died is assumed gone.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Retries within one run (Polly, exponential from <see cref="RetryDelay"/>) before the delivery waits for a later run.</summary>
    public int RetryAttempts { get; init; } = 2;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait before the first retry in a later run; doubled per failed run up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Test hook: runs after the server accepted a message and before it is marked sent (a crash there is simulated by throwing).</summary>
    internal Func<ReportDelivery, Task>? AfterAccepted { get; init; }
}
