namespace ComplianceScanner.Core.Layers;

/// <summary>The kind of receiver an alert sink posts to; decides the default template and headers.</summary>
public enum AlertSinkType
{
    /// <summary>Prometheus Alertmanager, API v2 (<c>POST /api/v2/alerts</c>).</summary>
    Alertmanager = 0,

    /// <summary>A Slack incoming webhook.</summary>
    Slack = 1,

    /// <summary>A Microsoft Teams incoming webhook or Workflows (Power Automate) webhook, posting an Adaptive Card.</summary>
    Teams = 2,

    /// <summary>Any HTTP endpoint accepting JSON.</summary>
    Webhook = 3,
}
