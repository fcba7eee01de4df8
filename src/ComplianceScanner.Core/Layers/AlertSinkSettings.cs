using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Layers;

/// <summary>
/// One alert receiver of <c>alerts.sinks</c>. The URL of chat and webhook sinks is a secret: it is read at send time
/// from <see cref="UrlFile"/> or <see cref="UrlEnv"/>, never kept in scanner.yaml and never printed.
/// </summary>
public sealed record AlertSinkSettings
{
    public const string DefaultAlertName = "ComplianceScannerFinding";

    /// <summary>Unique among the sinks; part of every idempotency key, so renaming a sink re-sends pending alerts under the new name.</summary>
    public required string Name { get; init; }

    public required AlertSinkType Type { get; init; }

    /// <summary>A plain URL; allowed only for Alertmanager, whose address is not a secret.</summary>
    public string? Url { get; init; }

    /// <summary>A file holding the URL (absolute; resolved against the config file's directory), e.g. a mounted Secret.</summary>
    public string? UrlFile { get; init; }

    /// <summary>An environment variable holding the URL.</summary>
    public string? UrlEnv { get; init; }

    /// <summary>A file holding a bearer token sent as <c>Authorization: Bearer</c> (absolute).</summary>
    public string? BearerTokenFile { get; init; }

    /// <summary>The payload template, relative to the templates directory; null for <c>alerts/&lt;type&gt;.json.sbn</c>.</summary>
    public string? Template { get; init; }

    /// <summary>Findings below this severity are not sent.</summary>
    public Severity MinSeverity { get; init; } = Severity.Info;

    public AlertNotify Notify { get; init; } = AlertNotify.New | AlertNotify.Reopened;

    /// <summary>True: one message per scan listing every transition; false: one message per finding transition.</summary>
    public bool GroupPerScan { get; init; } = true;

    public AlertRateLimit? RateLimit { get; init; }

    /// <summary>Alertmanager only: a firing alert's <c>endsAt</c> is the scan's time plus this, so an alert that is not re-sent expires.</summary>
    public TimeSpan ExpiresAfter { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The template used when <see cref="Template"/> is null.</summary>
    public string EffectiveTemplate => Template ?? "alerts/" + Type.ToString().ToLowerInvariant() + ".json.sbn";
}
