using System.Collections.Immutable;
using System.Text.Json;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Rendering;

namespace ComplianceScanner.Alerting;

/// <summary>
/// Renders a sink's message from its Scriban template. The template sees <c>sink</c> (name, type), <c>cluster</c>,
/// <c>scan_id</c>, <c>scan_finished_at</c>, <c>alerts</c> (the <see cref="AlertData"/> items, snake_case), and the counts
/// <c>firing</c> and <c>resolved</c>. Templates are <c>*.json.sbn</c>, so every value is JSON-escaped.
/// </summary>
public static class AlertPayloads
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The most alerts one message carries: Slack allows 50 blocks, Teams cards get unwieldy, Alertmanager takes many.</summary>
    public static int MaxAlertsPerMessage(AlertSinkType type) => type switch
    {
        AlertSinkType.Alertmanager => 500,
        AlertSinkType.Slack => 40,
        AlertSinkType.Teams => 40,
        _ => 100,
    };

    /// <summary>Renders the message carrying <paramref name="alerts"/> (all of one sink; the first one's scan names the message).</summary>
    /// <exception cref="TemplateRenderException">The template is missing or fails.</exception>
    public static string Render(TemplateSet templates, AlertSinkSettings sink, IReadOnlyList<AlertData> alerts)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(alerts);
        if (alerts.Count == 0)
        {
            throw new ArgumentException("a message needs at least one alert", nameof(alerts));
        }

        var first = alerts[0];
        var model = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sink"] = new SinkView(sink.Name, sink.Type.ToString().ToLowerInvariant()),
            ["cluster"] = first.Cluster,
            ["scan_id"] = first.ScanId,
            ["scan_finished_at"] = first.ScanFinishedAt,
            ["alerts"] = alerts.ToImmutableArray(),
            ["firing"] = alerts.Count(a => a.Status == AlertTransitions.Firing),
            ["resolved"] = alerts.Count(a => a.Status == AlertTransitions.ResolvedStatus),
        };
        return templates.Render(sink.EffectiveTemplate, model);
    }

    internal static string Serialize(AlertData alert) => JsonSerializer.Serialize(alert, Json);

    internal static AlertData Deserialize(string payload) =>
        JsonSerializer.Deserialize<AlertData>(payload, Json) ?? throw new JsonException("empty alert payload");
}
