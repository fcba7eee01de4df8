using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using ComplianceScanner.Configuration.Validation;
using ComplianceScanner.Core.Layers;
using Quartz;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>
/// <c>reports: {smtp, baseUrl, maxAttachmentBytes, schedules: [...]}</c>: scheduled e-mail reports. Bound after
/// <c>layers</c>, because a schedule must reach somebody: its audience needs e-mail contacts on the security layer or
/// the teams. The SMTP password is a secret and must come from a file or an environment variable.
/// </summary>
internal static partial class ReportsSection
{
    private static readonly FieldTable Fields = new(
        FieldSpec.Required("smtp"),
        FieldSpec.Optional("baseUrl"),
        FieldSpec.Optional("maxAttachmentBytes"),
        FieldSpec.Required("schedules"));

    private static readonly FieldTable SmtpFields = new(
        FieldSpec.Required("host"),
        FieldSpec.Optional("port"),
        FieldSpec.Optional("security"),
        FieldSpec.Optional("username"),
        FieldSpec.Optional("password"),
        FieldSpec.Optional("passwordFile"),
        FieldSpec.Optional("passwordEnv"),
        FieldSpec.Required("from"));

    private static readonly FieldTable ScheduleFields = new(
        FieldSpec.Required("name"),
        FieldSpec.Required("cron"),
        FieldSpec.Required("audience"),
        FieldSpec.Optional("content"),
        FieldSpec.Optional("attach"),
        FieldSpec.Optional("skipWhenUnchanged"));

    public static ScannerConfig Bind(BindingContext context, YamlNode node, string path, ScannerConfig config)
    {
        var view = context.Reader.Mapping(node, path, Fields);
        if (view is null)
        {
            return config;
        }

        var smtp = view.Mapping("smtp", SmtpFields) is { } s ? BindSmtp(context, s) : null;
        var baseUrl = BaseUrl(context, view);
        var maxBytes = ReportSettings.DefaultMaxAttachmentBytes;
        if (view.String("maxAttachmentBytes") is { } m)
        {
            if (long.TryParse(m.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0)
            {
                maxBytes = bytes;
            }
            else
            {
                context.Diagnostics.Error(m.Node, m.Path, ConfigDiagnosticCodes.InvalidValue, $"must be a whole number of bytes of at least 1, e.g. 10485760 for 10 MiB; got {NodeText.Quote(m.Value)}.");
            }
        }

        var schedules = ImmutableArray.CreateBuilder<ReportSchedule>();
        var names = new Dictionary<string, Located<string>>(StringComparer.Ordinal);
        foreach (var item in view.Sequence("schedules"))
        {
            if (context.Reader.Mapping(item.Node, item.Path, ScheduleFields) is { } schedule && BindSchedule(context, schedule, config, names) is { } bound)
            {
                schedules.Add(bound);
            }
        }

        return smtp is null
            ? config
            : config with { Reports = new ReportSettings { Smtp = smtp, BaseUrl = baseUrl, MaxAttachmentBytes = maxBytes, Schedules = schedules.ToImmutable() } };
    }

    private static SmtpSettings? BindSmtp(BindingContext context, MappingView view)
    {
        var host = view.String("host");
        if (host is { } h && (h.Value.Length == 0 || Uri.CheckHostName(h.Value) == UriHostNameType.Unknown))
        {
            context.Diagnostics.Error(h.Node, h.Path, ConfigDiagnosticCodes.InvalidValue, $"must be a host name or IP address, e.g. \"smtp.example.com\"; got {NodeText.Quote(h.Value)}.");
            host = null;
        }

        var security = SmtpSecurity.StartTls;
        if (view.String("security") is { } sec)
        {
            switch (sec.Value)
            {
                case "starttls":
                    security = SmtpSecurity.StartTls;
                    break;
                case "tls":
                    security = SmtpSecurity.Tls;
                    break;
                case "none":
                    security = SmtpSecurity.None;
                    break;
                default:
                    context.Diagnostics.Error(sec.Node, sec.Path, ConfigDiagnosticCodes.InvalidValue, $"must be starttls (port 587), tls (implicit TLS, port 465) or none; got {NodeText.Quote(sec.Value)}.");
                    break;
            }
        }

        var port = security switch { SmtpSecurity.Tls => 465, SmtpSecurity.None => 25, _ => 587 };
        if (view.String("port") is { } p)
        {
            if (int.TryParse(p.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535)
            {
                port = number;
            }
            else
            {
                context.Diagnostics.Error(p.Node, p.Path, ConfigDiagnosticCodes.InvalidValue, $"must be a port number from 1 to 65535, got {NodeText.Quote(p.Value)}.");
            }
        }

        if (view.Get("password") is { } plain)
        {
            context.Diagnostics.Error(plain, view.PathOf("password"), ConfigDiagnosticCodes.PlainSecret, "the SMTP password is a secret: it must not be written in scanner.yaml. Hint: put it in a file and give passwordFile, or in an environment variable and give passwordEnv; then remove it from this file and rotate it.");
        }

        string? passwordFile = null;
        string? passwordEnv = null;
        if (view.Has("passwordFile") && view.Has("passwordEnv"))
        {
            context.Diagnostics.Error(view.Get("passwordEnv")!, view.PathOf("passwordEnv"), ConfigDiagnosticCodes.InvalidValue, "give only one of passwordFile and passwordEnv.");
        }
        else if (view.String("passwordFile") is { } file)
        {
            if (string.IsNullOrWhiteSpace(file.Value) || file.Value.Contains('\0', StringComparison.Ordinal))
            {
                context.Diagnostics.Error(file.Node, file.Path, ConfigDiagnosticCodes.InvalidValue, $"must be a file path, got {NodeText.Quote(file.Value)}.");
            }
            else
            {
                passwordFile = Path.GetFullPath(file.Value, context.BaseDirectory);
            }
        }
        else if (view.String("passwordEnv") is { } env)
        {
            if (EnvName().IsMatch(env.Value))
            {
                passwordEnv = env.Value;
            }
            else
            {
                context.Diagnostics.Error(env.Node, env.Path, ConfigDiagnosticCodes.InvalidValue, $"must be an environment variable name (letters, digits and '_', not starting with a digit), got {NodeText.Quote(env.Value)}.");
            }
        }

        var username = view.String("username");
        if (username is null && (passwordFile ?? passwordEnv) is not null)
        {
            context.Diagnostics.Error(view.Node, view.PathOf("username"), ConfigDiagnosticCodes.MissingField, "a password is given but no username: give the login as username.");
        }
        else if (username is { } u && (passwordFile ?? passwordEnv) is null && !view.Has("password"))
        {
            context.Diagnostics.Error(u.Node, view.PathOf("passwordFile"), ConfigDiagnosticCodes.MissingField, "a username needs its password: give passwordFile (a file holding it, e.g. a mounted Secret) or passwordEnv (an environment variable holding it).");
        }

        var from = view.String("from");
        if (from is { } f && !ContactAddresses.IsEmail(f.Value))
        {
            context.Diagnostics.Error(f.Node, f.Path, ConfigDiagnosticCodes.InvalidValue, $"must be an e-mail address such as \"scanner@example.com\" or \"Compliance Scanner <scanner@example.com>\"; got {NodeText.Quote(f.Value)}.");
            from = null;
        }

        return host is null || from is null
            ? null
            : new SmtpSettings
            {
                Host = host.Value.Value,
                Port = port,
                Security = security,
                Username = username?.Value,
                PasswordFile = passwordFile,
                PasswordEnv = passwordEnv,
                From = from.Value.Value.Trim(),
            };
    }

    private static string? BaseUrl(BindingContext context, MappingView view)
    {
        if (view.String("baseUrl") is not { } b)
        {
            return null;
        }

        if (!Uri.TryCreate(b.Value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.UserInfo))
        {
            context.Diagnostics.Error(b.Node, b.Path, ConfigDiagnosticCodes.InvalidValue, $"must be an absolute http or https URL without credentials, e.g. \"https://compliance-scanner.example.com\"; got {NodeText.Quote(b.Value)}.");
            return null;
        }

        return uri.ToString().TrimEnd('/');
    }

    private static ReportSchedule? BindSchedule(BindingContext context, MappingView view, ScannerConfig config, Dictionary<string, Located<string>> names)
    {
        var name = view.String("name");
        if (name is { } n)
        {
            if (NameRules.NameProblem(n.Value) is { } problem)
            {
                context.Diagnostics.Error(n.Node, n.Path, ConfigDiagnosticCodes.InvalidName, $"schedule name {NodeText.Quote(n.Value)} {problem}.");
                name = null;
            }
            else if (names.TryGetValue(n.Value, out var first))
            {
                context.Diagnostics.Error(n.Node, n.Path, ConfigDiagnosticCodes.DuplicateName, $"schedule name {NodeText.Quote(n.Value)} is used twice {ClaimChecks.Where(first.Path, first.Node)}.");
                name = null;
            }
            else
            {
                names[n.Value] = n;
            }
        }

        var cron = view.String("cron");
        if (cron is { } c && CronProblem(c.Value) is { } cronProblem)
        {
            context.Diagnostics.Error(c.Node, c.Path, ConfigDiagnosticCodes.InvalidValue, $"invalid Quartz cron expression {NodeText.Quote(c.Value)}: {cronProblem}. Hint: Quartz cron has seconds first and '?' in day-of-month or day-of-week, e.g. \"0 0 7 ? * MON-FRI\" (07:00 UTC on weekdays).");
            cron = null;
        }

        var audience = view.Get("audience") is { } a ? BindAudience(context, a, view.PathOf("audience"), config) : null;

        var content = ReportContent.Full;
        if (view.String("content") is { } ct)
        {
            switch (ct.Value)
            {
                case "full":
                    content = ReportContent.Full;
                    break;
                case "digest":
                    content = ReportContent.Digest;
                    break;
                case "new-findings":
                    content = ReportContent.NewFindings;
                    break;
                default:
                    var hint = Suggestions.Closest(ct.Value, ["full", "digest", "new-findings"]) is { } s ? $" Hint: did you mean {NodeText.Quote(s)}?" : string.Empty;
                    context.Diagnostics.Error(ct.Node, ct.Path, ConfigDiagnosticCodes.InvalidValue, $"must be full (every open finding), digest (what changed since the last report) or new-findings; got {NodeText.Quote(ct.Value)}.{hint}");
                    break;
            }
        }

        ImmutableArray<ReportAttachment>? attach = null;
        if (view.Has("attach"))
        {
            var formats = ImmutableArray.CreateBuilder<ReportAttachment>();
            foreach (var item in view.Strings("attach"))
            {
                ReportAttachment? format = item.Value switch
                {
                    "html" => ReportAttachment.Html,
                    "json" => ReportAttachment.Json,
                    "markdown" => ReportAttachment.Markdown,
                    _ => null,
                };
                if (format is null)
                {
                    context.Diagnostics.Error(item.Node, item.Path, ConfigDiagnosticCodes.InvalidValue, $"unknown attachment format {NodeText.Quote(item.Value)}; choose from html, json, markdown.");
                }
                else if (formats.Contains(format.Value))
                {
                    context.Diagnostics.Error(item.Node, item.Path, ConfigDiagnosticCodes.InvalidValue, $"{item.Value} is listed twice.");
                }
                else
                {
                    formats.Add(format.Value);
                }
            }

            attach = formats.ToImmutable();
        }

        var skip = view.Bool("skipWhenUnchanged") ?? false;
        if (name is null || cron is null || audience is null)
        {
            return null;
        }

        var schedule = new ReportSchedule
        {
            Name = name.Value.Value,
            Cron = cron.Value.Value,
            Audience = audience,
            Content = content,
            SkipWhenUnchanged = skip,
        };
        return attach is { } list ? schedule with { Attach = list } : schedule;
    }

    /// <summary>"security", "teams", or a list of e-mail addresses; an audience without an e-mail address reaches nobody.</summary>
    private static ReportAudience? BindAudience(BindingContext context, YamlNode node, string path, ScannerConfig config)
    {
        if (node is YamlSequenceNode)
        {
            var recipients = ImmutableArray.CreateBuilder<string>();
            foreach (var r in context.Reader.Strings(node, path))
            {
                if (ContactAddresses.IsEmail(r.Value))
                {
                    recipients.Add(r.Value.Trim());
                }
                else
                {
                    context.Diagnostics.Error(r.Node, r.Path, ConfigDiagnosticCodes.InvalidValue, $"must be an e-mail address such as \"ciso@example.com\"; got {NodeText.Quote(r.Value)}.");
                }
            }

            if (recipients.Count == 0)
            {
                context.Diagnostics.Error(node, path, ConfigDiagnosticCodes.InvalidValue, "this schedule reaches nobody: the list has no e-mail address. Hint: audience: [ciso@example.com], or security, or teams.");
                return null;
            }

            return new ReportAudience { Kind = ReportAudienceKind.Recipients, Recipients = recipients.ToImmutable() };
        }

        if (context.Reader.String(node, path) is not { } text)
        {
            return null;
        }

        switch (text)
        {
            case "security":
                if (ContactAddresses.EmailsOf(config.SecurityLayer.Contacts).IsEmpty)
                {
                    context.Diagnostics.Error(node, path, ConfigDiagnosticCodes.InvalidValue, "this schedule reaches nobody: the security layer has no e-mail contact. Hint: add contacts: [security@example.com] under layers.security.");
                    return null;
                }

                return ReportAudience.Security;
            case "teams":
                if (config.Teams.All(t => ContactAddresses.EmailsOf(t.Contacts).IsEmpty))
                {
                    context.Diagnostics.Error(node, path, ConfigDiagnosticCodes.InvalidValue, "this schedule reaches nobody: no team has an e-mail contact. Hint: add contacts: [team@example.com] to the teams under layers.namespace.teams.");
                    return null;
                }

                foreach (var team in config.Teams.Where(t => ContactAddresses.EmailsOf(t.Contacts).IsEmpty))
                {
                    context.Diagnostics.Warning(node, path, ConfigDiagnosticCodes.InvalidValue, $"team {NodeText.Quote(team.Name)} has no e-mail contact and will not receive this report.");
                }

                return ReportAudience.Teams;
            default:
                context.Diagnostics.Error(node, path, ConfigDiagnosticCodes.InvalidValue, $"must be security (the security layer's contacts), teams (each team its own findings) or a list of e-mail addresses; got {NodeText.Quote(text)}.");
                return null;
        }
    }

    private static string? CronProblem(string expression)
    {
        try
        {
            _ = new CronExpression(expression);
            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message.TrimEnd('.');
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvName();
}
