using System.Collections.Immutable;
using System.Globalization;
using ComplianceScanner.Configuration.Validation;
using ComplianceScanner.Core.Layers;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>
/// <c>agent: {quietPeriod, maxDelay, leaderElection: {...}, output: {directory, formats}, api: {...}}</c>: the agent's rescans,
/// leader election, report output and HTTP API. Durations are Kubernetes-style (<c>5s</c>, <c>1m</c>); the leader-election
/// timings must nest (retryPeriod &lt; renewDeadline &lt; leaseDuration), as client-go requires.
/// </summary>
internal static class AgentSection
{
    /// <summary>The report formats <c>agent.output.formats</c> accepts (the renderers of the Rendering project).</summary>
    internal static readonly ImmutableArray<string> Formats = ["html", "json", "sarif", "junit", "markdown", "policyreport"];

    private static readonly FieldTable Fields = new(
        FieldSpec.Optional("quietPeriod"), FieldSpec.Optional("maxDelay"), FieldSpec.Optional("leaderElection"), FieldSpec.Optional("output"),
        FieldSpec.Optional("publishPolicyReports"), FieldSpec.Optional("bundles"), FieldSpec.Optional("api"));

    private static readonly FieldTable BundleFields = new(FieldSpec.Optional("directory"), FieldSpec.Optional("keep"), FieldSpec.Optional("key"));

    private static readonly FieldTable ApiFields = new(FieldSpec.Optional("authMode"), FieldSpec.Optional("tokensFile"), FieldSpec.Optional("protectMetrics"), FieldSpec.Optional("rateLimit"));

    private static readonly FieldTable RateLimitFields = new(FieldSpec.Optional("requests"), FieldSpec.Optional("window"));

    private static readonly ImmutableArray<string> AuthModes = ["auto", "kubernetes", "tokens"];

    private static readonly FieldTable ElectionFields = new(
        FieldSpec.Optional("enabled"),
        FieldSpec.Optional("leaseName"),
        FieldSpec.Optional("leaseNamespace"),
        FieldSpec.Optional("leaseDuration"),
        FieldSpec.Optional("renewDeadline"),
        FieldSpec.Optional("retryPeriod"));

    private static readonly FieldTable OutputFields = new(FieldSpec.Required("directory"), FieldSpec.Optional("formats"));

    public static ScannerConfig Bind(BindingContext context, YamlNode node, string path, ScannerConfig config)
    {
        var view = context.Reader.Mapping(node, path, Fields);
        if (view is null)
        {
            return config;
        }

        var settings = AgentSettings.Default;
        var quiet = Duration(context, view, "quietPeriod");
        var maxDelay = Duration(context, view, "maxDelay");
        settings = settings with { QuietPeriod = quiet?.Value ?? settings.QuietPeriod, MaxDelay = maxDelay?.Value ?? settings.MaxDelay };
        if (settings.MaxDelay < settings.QuietPeriod && (maxDelay ?? quiet) is { } at)
        {
            context.Diagnostics.Error(at.Node, at.Path, ConfigDiagnosticCodes.InvalidValue, $"maxDelay ({Show(settings.MaxDelay)}) must not be shorter than quietPeriod ({Show(settings.QuietPeriod)}).");
        }

        if (view.Mapping("leaderElection", ElectionFields) is { } election)
        {
            settings = settings with { LeaderElection = BindElection(context, election) };
        }

        if (view.Mapping("output", OutputFields) is { } output)
        {
            settings = BindOutput(context, output, settings);
        }

        settings = settings with { PublishPolicyReports = view.Bool("publishPolicyReports") ?? false };
        if (view.Mapping("bundles", BundleFields) is { } bundles)
        {
            settings = settings with { Bundles = BindBundles(context, bundles) };
        }

        if (view.Mapping("api", ApiFields) is { } api)
        {
            settings = settings with { Api = BindApi(context, api) };
        }

        return config with { Agent = settings };
    }

    private static BundleSettings BindBundles(BindingContext context, MappingView view)
    {
        var s = BundleSettings.Default;
        s = s with { Directory = Path(context, view, "directory"), KeyPath = Path(context, view, "key") };
        if (view.String("keep") is { } keep)
        {
            if (int.TryParse(keep.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1)
            {
                s = s with { Keep = n };
            }
            else
            {
                context.Diagnostics.Error(keep.Node, keep.Path, ConfigDiagnosticCodes.InvalidValue, $"must be a whole number of bundles, at least 1, got {NodeText.Quote(keep.Value)}.");
            }
        }

        return s;
    }

    private static string? Path(BindingContext context, MappingView view, string field)
    {
        if (view.String(field) is not { } text)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(text.Value) || text.Value.Contains('\0', StringComparison.Ordinal))
        {
            context.Diagnostics.Error(text.Node, text.Path, ConfigDiagnosticCodes.InvalidValue, $"must be a path, got {NodeText.Quote(text.Value)}.");
            return null;
        }

        return System.IO.Path.GetFullPath(text.Value, context.BaseDirectory);
    }

    private static LeaderElectionSettings BindElection(BindingContext context, MappingView view)
    {
        var s = LeaderElectionSettings.Default with { Enabled = view.Bool("enabled") ?? false };
        if (view.String("leaseName") is { } name)
        {
            if (NameRules.IsDnsSubdomain(name.Value))
            {
                s = s with { LeaseName = name.Value };
            }
            else
            {
                context.Diagnostics.Error(name.Node, name.Path, ConfigDiagnosticCodes.InvalidName, $"{NodeText.Quote(name.Value)} is not a valid Lease name: it must be at most 253 lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit.");
            }
        }

        if (view.String("leaseNamespace") is { } ns)
        {
            if (NameRules.IsDnsLabel(ns.Value))
            {
                s = s with { LeaseNamespace = ns.Value };
            }
            else
            {
                context.Diagnostics.Error(ns.Node, ns.Path, ConfigDiagnosticCodes.InvalidName, $"{NodeText.Quote(ns.Value)} is not a valid namespace name: it must be at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit.");
            }
        }

        var lease = Duration(context, view, "leaseDuration");
        var renew = Duration(context, view, "renewDeadline");
        var retry = Duration(context, view, "retryPeriod");
        s = s with
        {
            LeaseDuration = lease?.Value ?? s.LeaseDuration,
            RenewDeadline = renew?.Value ?? s.RenewDeadline,
            RetryPeriod = retry?.Value ?? s.RetryPeriod,
        };
        if (lease is { } l && (l.Value.Ticks % TimeSpan.TicksPerSecond != 0 || l.Value < TimeSpan.FromSeconds(1)))
        {
            // The Lease records its duration in whole seconds (spec.leaseDurationSeconds).
            context.Diagnostics.Error(l.Node, l.Path, ConfigDiagnosticCodes.InvalidValue, $"must be a whole number of seconds, at least 1s, got {Show(l.Value)}: a Lease records its duration in whole seconds.");
        }

        if (s.RenewDeadline >= s.LeaseDuration && (renew ?? lease) is { } r)
        {
            context.Diagnostics.Error(r.Node, r.Path, ConfigDiagnosticCodes.InvalidValue, $"renewDeadline ({Show(s.RenewDeadline)}) must be shorter than leaseDuration ({Show(s.LeaseDuration)}): the leader must give up before another replica may take over.");
        }

        if (s.RetryPeriod >= s.RenewDeadline && (retry ?? renew) is { } p)
        {
            context.Diagnostics.Error(p.Node, p.Path, ConfigDiagnosticCodes.InvalidValue, $"retryPeriod ({Show(s.RetryPeriod)}) must be shorter than renewDeadline ({Show(s.RenewDeadline)}): the leader renews every retryPeriod.");
        }

        return s;
    }

    private static AgentSettings BindOutput(BindingContext context, MappingView view, AgentSettings settings)
    {
        if (view.String("directory") is { } dir)
        {
            if (string.IsNullOrWhiteSpace(dir.Value) || dir.Value.Contains('\0', StringComparison.Ordinal))
            {
                context.Diagnostics.Error(dir.Node, dir.Path, ConfigDiagnosticCodes.InvalidValue, $"must be a directory path, got {NodeText.Quote(dir.Value)}.");
            }
            else
            {
                settings = settings with { OutputDirectory = System.IO.Path.GetFullPath(dir.Value, context.BaseDirectory) };
            }
        }

        if (view.Get("formats") is null)
        {
            return settings;
        }

        var formats = ImmutableArray.CreateBuilder<string>();
        foreach (var f in view.Strings("formats"))
        {
            if (!Formats.Contains(f.Value))
            {
                var hint = Suggestions.Closest(f.Value, Formats) is { } s ? $" Hint: did you mean {NodeText.Quote(s)}?" : string.Empty;
                context.Diagnostics.Error(f.Node, f.Path, ConfigDiagnosticCodes.InvalidValue, $"unknown report format {NodeText.Quote(f.Value)}; choose from {string.Join(", ", Formats)}.{hint}");
            }
            else if (!formats.Contains(f.Value))
            {
                formats.Add(f.Value);
            }
        }

        return settings with { OutputFormats = formats.ToImmutable() };
    }

    private static AgentApiSettings BindApi(BindingContext context, MappingView view)
    {
        var s = AgentApiSettings.Default;
        var modeText = view.String("authMode");
        if (modeText is { } mode)
        {
            if (AuthModes.Contains(mode.Value))
            {
                s = s with { AuthMode = Enum.Parse<ApiAuthMode>(mode.Value, ignoreCase: true) };
            }
            else
            {
                var hint = Suggestions.Closest(mode.Value, AuthModes) is { } m ? $" Hint: did you mean {NodeText.Quote(m)}?" : string.Empty;
                context.Diagnostics.Error(mode.Node, mode.Path, ConfigDiagnosticCodes.InvalidValue, $"unknown authMode {NodeText.Quote(mode.Value)}; choose from {string.Join(", ", AuthModes)}.{hint}");
            }
        }

        if (view.String("tokensFile") is { } file)
        {
            if (string.IsNullOrWhiteSpace(file.Value) || file.Value.Contains('\0', StringComparison.Ordinal))
            {
                context.Diagnostics.Error(file.Node, file.Path, ConfigDiagnosticCodes.InvalidValue, $"must be a file path, got {NodeText.Quote(file.Value)}.");
            }
            else
            {
                s = s with { TokensFile = System.IO.Path.GetFullPath(file.Value, context.BaseDirectory) };
            }
        }
        else if (s.AuthMode == ApiAuthMode.Tokens && modeText is { } m)
        {
            context.Diagnostics.Error(m.Node, m.Path, ConfigDiagnosticCodes.InvalidValue, "authMode tokens needs agent.api.tokensFile: the file of accepted tokens (one per line, 'sha256:<hex> name' or a plain token).");
        }

        s = s with { ProtectMetrics = view.Bool("protectMetrics") ?? false };
        if (view.Mapping("rateLimit", RateLimitFields) is { } limit)
        {
            if (limit.String("requests") is { } requests)
            {
                if (int.TryParse(requests.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 1_000_000)
                {
                    s = s with { RateLimitRequests = n };
                }
                else
                {
                    context.Diagnostics.Error(requests.Node, requests.Path, ConfigDiagnosticCodes.InvalidValue, $"must be a whole number from 1 to 1000000, got {NodeText.Quote(requests.Value)}.");
                }
            }

            if (Duration(context, limit, "window") is { } window)
            {
                s = s with { RateLimitWindow = window.Value };
            }
        }

        return s;
    }

    private static Located<TimeSpan>? Duration(BindingContext context, MappingView view, string field)
    {
        if (view.String(field) is not { } text)
        {
            return null;
        }

        if (DurationText.TryParse(text.Value, out var value) && value > TimeSpan.Zero)
        {
            return new Located<TimeSpan>(value, text.Node, text.Path);
        }

        context.Diagnostics.Error(text.Node, text.Path, ConfigDiagnosticCodes.InvalidDuration, $"{NodeText.Quote(text.Value)} is not a positive duration: {DurationText.Hint}.");
        return null;
    }

    private static string Show(TimeSpan t) => t.Ticks % TimeSpan.TicksPerSecond != 0
        ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds}ms")
        : string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds}s");
}
