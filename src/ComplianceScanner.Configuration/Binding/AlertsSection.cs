using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using ComplianceScanner.Configuration.Validation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>
/// <c>alerts: {minSeverity, notify, group, rateLimit, sinks: [...]}</c>: where finding transitions are sent. The routing
/// fields at the top are defaults every sink may override. A chat or webhook URL is a secret and must come from a file
/// or an environment variable; messages about it never echo the value.
/// </summary>
internal static partial class AlertsSection
{
    private static readonly string[] RoutingFields = ["minSeverity", "notify", "group", "rateLimit"];

    private static readonly FieldTable Fields = new([.. RoutingFields.Select(FieldSpec.Optional), FieldSpec.Required("sinks")]);

    private static readonly FieldTable SinkFields = new(
    [
        FieldSpec.Required("name"),
        FieldSpec.Required("type"),
        FieldSpec.Optional("url"),
        FieldSpec.Optional("urlFile"),
        FieldSpec.Optional("urlEnv"),
        FieldSpec.Optional("bearerTokenFile"),
        FieldSpec.Optional("template"),
        FieldSpec.Optional("expiresAfter"),
        .. RoutingFields.Select(FieldSpec.Optional),
    ]);

    private static readonly string[] UrlFields = ["url", "urlFile", "urlEnv"];

    private static readonly FieldTable RateLimitFields = new(FieldSpec.Required("messages"), FieldSpec.Required("per"));

    private const string SinkTypes = "alertmanager, slack, teams, webhook";
    private const string NotifyNames = "new, reopened, open, resolved";

    public static ScannerConfig Bind(BindingContext context, YamlNode node, string path, ScannerConfig config)
    {
        var view = context.Reader.Mapping(node, path, Fields);
        if (view is null)
        {
            return config;
        }

        var defaults = ReadRouting(context, view);
        var sinks = ImmutableArray.CreateBuilder<AlertSinkSettings>();
        var names = new Dictionary<string, Located<string>>(StringComparer.Ordinal);
        foreach (var item in view.Sequence("sinks"))
        {
            if (context.Reader.Mapping(item.Node, item.Path, SinkFields) is { } sink && BindSink(context, sink, defaults, names) is { } bound)
            {
                sinks.Add(bound);
            }
        }

        return config with { Alerts = new AlertSettings { Sinks = sinks.ToImmutable() } };
    }

    private static AlertSinkSettings? BindSink(BindingContext context, MappingView view, AlertRouting defaults, Dictionary<string, Located<string>> names)
    {
        var name = view.String("name");
        if (name is { } n)
        {
            if (NameRules.NameProblem(n.Value) is { } problem)
            {
                context.Diagnostics.Error(n.Node, n.Path, ConfigDiagnosticCodes.InvalidName, $"sink name {NodeText.Quote(n.Value)} {problem}.");
                name = null;
            }
            else if (names.TryGetValue(n.Value, out var first))
            {
                context.Diagnostics.Error(n.Node, n.Path, ConfigDiagnosticCodes.DuplicateName, $"sink name {NodeText.Quote(n.Value)} is used twice {ClaimChecks.Where(first.Path, first.Node)}.");
                name = null;
            }
            else
            {
                names[n.Value] = n;
            }
        }

        AlertSinkType? type = null;
        if (view.String("type") is { } t)
        {
            type = t.Value switch
            {
                "alertmanager" => AlertSinkType.Alertmanager,
                "slack" => AlertSinkType.Slack,
                "teams" => AlertSinkType.Teams,
                "webhook" => AlertSinkType.Webhook,
                _ => null,
            };
            if (type is null)
            {
                var hint = Suggestions.Closest(t.Value, SinkTypes.Split(", ")) is { } s ? $" Hint: did you mean {NodeText.Quote(s)}?" : string.Empty;
                context.Diagnostics.Error(t.Node, t.Path, ConfigDiagnosticCodes.InvalidValue, $"unknown sink type {NodeText.Quote(t.Value)}; choose one of {SinkTypes}.{hint}");
            }
        }

        var routing = ReadRouting(context, view, defaults);
        var (url, urlFile, urlEnv) = ReadUrl(context, view, type);
        var token = ReadPath(context, view, "bearerTokenFile");
        var template = ReadTemplate(context, view);
        var expires = TimeSpan.FromHours(24);
        if (view.String("expiresAfter") is { } e)
        {
            if (type is not null and not AlertSinkType.Alertmanager)
            {
                context.Diagnostics.Error(e.Node, e.Path, ConfigDiagnosticCodes.InvalidValue, "applies only to sinks of type alertmanager.");
            }
            else if (Duration(context, e) is { } d)
            {
                expires = d;
            }
        }

        if (name is null || type is null || (url ?? urlFile ?? urlEnv) is null)
        {
            return null;
        }

        var notify = routing.Notify ?? (type == AlertSinkType.Alertmanager
            ? AlertNotify.New | AlertNotify.Reopened | AlertNotify.Open | AlertNotify.Resolved
            : AlertNotify.New | AlertNotify.Reopened);
        return new AlertSinkSettings
        {
            Name = name.Value.Value,
            Type = type.Value,
            Url = url,
            UrlFile = urlFile,
            UrlEnv = urlEnv,
            BearerTokenFile = token,
            Template = template,
            MinSeverity = routing.MinSeverity ?? Severity.Info,
            Notify = notify,
            GroupPerScan = routing.GroupPerScan ?? true,
            RateLimit = routing.RateLimit,
            ExpiresAfter = expires,
        };
    }

    /// <summary>Exactly one of url, urlFile, urlEnv; a plain url only for Alertmanager. The value is never quoted in a message.</summary>
    private static (string? Url, string? UrlFile, string? UrlEnv) ReadUrl(BindingContext context, MappingView view, AlertSinkType? type)
    {
        var given = UrlFields.Where(view.Has).ToList();
        if (given.Count == 0)
        {
            context.Diagnostics.Error(view.Node, view.PathOf("urlFile"), ConfigDiagnosticCodes.MissingField, "the sink needs its URL: give urlFile (a file holding it, e.g. a mounted Secret) or urlEnv (an environment variable holding it); Alertmanager may also use url.");
            return (null, null, null);
        }

        if (given.Count > 1)
        {
            var second = view.Get(given[1])!;
            context.Diagnostics.Error(second, view.PathOf(given[1]), ConfigDiagnosticCodes.InvalidValue, $"give only one of url, urlFile and urlEnv; this sink has {string.Join(" and ", given)}.");
            return (null, null, null);
        }

        switch (given[0])
        {
            case "url":
                var url = view.String("url");
                if (url is null)
                {
                    return (null, null, null);
                }

                if (type is not null and not AlertSinkType.Alertmanager)
                {
                    context.Diagnostics.Error(url.Value.Node, url.Value.Path, ConfigDiagnosticCodes.PlainSecret, $"a {type.Value.ToString().ToLowerInvariant()} URL is a secret (whoever has it can post): it must not be written in scanner.yaml. Hint: put it in a file and give urlFile, or in an environment variable and give urlEnv; then remove it from this file and rotate it.");
                    return (null, null, null);
                }

                if (!Uri.TryCreate(url.Value.Value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.UserInfo))
                {
                    context.Diagnostics.Error(url.Value.Node, url.Value.Path, ConfigDiagnosticCodes.InvalidValue, $"must be an absolute http or https URL without credentials, e.g. \"http://alertmanager.monitoring:9093\"; got {NodeText.Quote(url.Value.Value)}.");
                    return (null, null, null);
                }

                return (uri.ToString().TrimEnd('/'), null, null);
            case "urlFile":
                return (null, ReadPath(context, view, "urlFile"), null);
            default:
                var env = view.String("urlEnv");
                if (env is { } v && !EnvName().IsMatch(v.Value))
                {
                    context.Diagnostics.Error(v.Node, v.Path, ConfigDiagnosticCodes.InvalidValue, $"must be an environment variable name (letters, digits and '_', not starting with a digit), got {NodeText.Quote(v.Value)}.");
                    return (null, null, null);
                }

                return (null, null, env?.Value);
        }
    }

    private static string? ReadPath(BindingContext context, MappingView view, string field)
    {
        if (view.String(field) is not { } p)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(p.Value) || p.Value.Contains('\0', StringComparison.Ordinal))
        {
            context.Diagnostics.Error(p.Node, p.Path, ConfigDiagnosticCodes.InvalidValue, $"must be a file path, got {NodeText.Quote(p.Value)}.");
            return null;
        }

        return Path.GetFullPath(p.Value, context.BaseDirectory);
    }

    private static string? ReadTemplate(BindingContext context, MappingView view)
    {
        if (view.String("template") is not { } t)
        {
            return null;
        }

        var segments = t.Value.Split('/', '\\');
        if (t.Value.Length == 0 || Path.IsPathRooted(t.Value) || t.Value.Contains(':', StringComparison.Ordinal) || segments.Contains("..") || !t.Value.EndsWith(".sbn", StringComparison.Ordinal))
        {
            context.Diagnostics.Error(t.Node, t.Path, ConfigDiagnosticCodes.InvalidValue, $"must be a *.sbn template path relative to the templates directory, e.g. \"alerts/slack.json.sbn\"; got {NodeText.Quote(t.Value)}.");
            return null;
        }

        return t.Value;
    }

    private static AlertRouting ReadRouting(BindingContext context, MappingView view, AlertRouting? defaults = null)
    {
        var routing = defaults ?? new AlertRouting(null, null, null, null);
        if (view.String("minSeverity") is { } s)
        {
            if (SeverityNames.TryParse(s.Value, out var severity))
            {
                routing = routing with { MinSeverity = severity };
            }
            else
            {
                context.Diagnostics.Error(s.Node, s.Path, ConfigDiagnosticCodes.InvalidSeverity, $"unknown severity {NodeText.Quote(s.Value)}; choose one of {SeverityNames.Allowed}.");
            }
        }

        if (view.Has("notify"))
        {
            var notify = AlertNotify.None;
            foreach (var item in view.Strings("notify"))
            {
                var flag = item.Value switch
                {
                    "new" => AlertNotify.New,
                    "reopened" => AlertNotify.Reopened,
                    "open" => AlertNotify.Open,
                    "resolved" => AlertNotify.Resolved,
                    _ => AlertNotify.None,
                };
                if (flag == AlertNotify.None)
                {
                    context.Diagnostics.Error(item.Node, item.Path, ConfigDiagnosticCodes.InvalidValue, $"unknown transition {NodeText.Quote(item.Value)}; choose from {NotifyNames}.");
                }

                notify |= flag;
            }

            routing = routing with { Notify = notify };
        }

        if (view.String("group") is { } g)
        {
            switch (g.Value)
            {
                case "scan":
                    routing = routing with { GroupPerScan = true };
                    break;
                case "finding":
                    routing = routing with { GroupPerScan = false };
                    break;
                default:
                    context.Diagnostics.Error(g.Node, g.Path, ConfigDiagnosticCodes.InvalidValue, $"must be \"scan\" (one message per scan) or \"finding\" (one message per finding), got {NodeText.Quote(g.Value)}.");
                    break;
            }
        }

        if (view.Mapping("rateLimit", RateLimitFields) is { } limit)
        {
            int? messages = null;
            if (limit.String("messages") is { } m)
            {
                if (int.TryParse(m.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
                {
                    messages = count;
                }
                else
                {
                    context.Diagnostics.Error(m.Node, m.Path, ConfigDiagnosticCodes.InvalidValue, $"must be a whole number of at least 1, got {NodeText.Quote(m.Value)}.");
                }
            }

            var per = limit.String("per") is { } p ? Duration(context, p) : null;
            if (messages is not null && per is not null)
            {
                routing = routing with { RateLimit = new AlertRateLimit(messages.Value, per.Value) };
            }
        }

        return routing;
    }

    /// <summary>A duration such as 30s, 5m, 24h or 7d.</summary>
    private static TimeSpan? Duration(BindingContext context, Located<string> text)
    {
        var match = DurationText().Match(text.Value);
        if (match.Success && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount is > 0 and <= 100_000)
        {
            return match.Groups[2].Value switch
            {
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }

        context.Diagnostics.Error(text.Node, text.Path, ConfigDiagnosticCodes.InvalidValue, $"must be a duration such as 30s, 5m, 24h or 7d, got {NodeText.Quote(text.Value)}.");
        return null;
    }

    [GeneratedRegex("^([0-9]+)(s|m|h|d)$")]
    private static partial Regex DurationText();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvName();
}
