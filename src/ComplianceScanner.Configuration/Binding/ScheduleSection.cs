using ComplianceScanner.Core.Layers;
using Quartz;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>
/// <c>schedule: {scan, reports, bundles}</c>: the agent's Quartz cron expressions, checked here with Quartz's own parser
/// so a schedule the agent could not run is a config error at load time, with its line, not a crash at startup.
/// <c>scan: null</c> (or <c>~</c>) turns scheduled full scans off; watched changes still trigger rescans.
/// </summary>
internal static class ScheduleSection
{
    private const string QuartzHint = "Quartz cron has 6 or 7 fields, seconds first: seconds minutes hours day-of-month month day-of-week [year], with ? in day-of-month or day-of-week, e.g. \"0 */15 * * * ?\" (every 15 minutes)";

    private static readonly FieldTable Fields = new(FieldSpec.Optional("scan"), FieldSpec.Optional("reports"), FieldSpec.Optional("bundles"));

    public static ScannerConfig Bind(BindingContext context, YamlNode node, string path, ScannerConfig config)
    {
        var view = context.Reader.Mapping(node, path, Fields);
        if (view is null)
        {
            return config;
        }

        return config with
        {
            Schedule = new ScheduleSettings
            {
                Scan = Cron(context, view, "scan"),
                Reports = Cron(context, view, "reports"),
                Bundles = Cron(context, view, "bundles"),
            },
        };
    }

    private static string? Cron(BindingContext context, MappingView view, string field)
    {
        if (view.String(field) is not { } text)
        {
            return null;
        }

        var expression = text.Value.Trim();
        string? problem = null;
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields == 5)
        {
            problem = $"{NodeText.Quote(text.Value)} has 5 fields, like Unix cron; {QuartzHint}. Hint: put the seconds first, e.g. {NodeText.Quote("0 " + UnixToQuartzDays(expression))}.";
        }
        else
        {
            try
            {
                _ = new CronExpression(expression);
            }
            catch (FormatException e)
            {
                problem = $"{NodeText.Quote(text.Value)} is not a valid cron expression: {e.Message.TrimEnd('.')}. Hint: {QuartzHint}.";
            }
        }

        if (problem is not null)
        {
            context.Diagnostics.Error(text.Node, text.Path, ConfigDiagnosticCodes.InvalidCron, problem);
            return null;
        }

        return expression;
    }

    /// <summary>A five-field Unix expression with ? where Quartz needs it (day-of-week, unless day-of-month is *).</summary>
    private static string UnixToQuartzDays(string unix)
    {
        var f = unix.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f[2] == "*" && f[4] != "*")
        {
            f[2] = "?";
        }
        else
        {
            f[4] = "?";
        }

        return string.Join(' ', f);
    }
}
