using System.Collections.Immutable;
using ComplianceScanner.Core.Layers;

namespace ComplianceScanner.Alerting;

/// <summary>
/// Where a sink posts, resolved at send time (so a rotated Secret is picked up without a restart), and the secrets to
/// redact from anything printed about it. <see cref="Display"/> is the only form of the URL that may appear in output.
/// </summary>
internal sealed record SinkEndpoint(Uri Url, string Display, string? Token, ImmutableArray<string> Secrets)
{
    public const string AlertmanagerPath = "/api/v2/alerts";

    /// <exception cref="AlertConfigurationException">The file or variable is missing or empty, or does not hold an http(s) URL.</exception>
    public static SinkEndpoint Resolve(AlertSinkSettings sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        string text;
        string source;
        var secret = true;
        if (sink.Url is { } plain)
        {
            (text, source, secret) = (plain, "url", false);
        }
        else if (sink.UrlFile is { } file)
        {
            source = "urlFile " + file;
            text = ReadFile(sink, file, "urlFile");
        }
        else if (sink.UrlEnv is { } env)
        {
            source = "urlEnv " + env;
            text = Environment.GetEnvironmentVariable(env)?.Trim() ?? string.Empty;
            if (text.Length == 0)
            {
                throw new AlertConfigurationException($"alerts sink {sink.Name}: environment variable {env} (urlEnv) is not set or empty.");
            }
        }
        else
        {
            throw new AlertConfigurationException($"alerts sink {sink.Name}: has no url, urlFile or urlEnv.");
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            // Never echo the value: it may be a secret with a typo.
            throw new AlertConfigurationException($"alerts sink {sink.Name}: the value of {source} is not an absolute http or https URL.");
        }

        if (sink.Type == AlertSinkType.Alertmanager && !uri.AbsolutePath.EndsWith(AlertmanagerPath, StringComparison.Ordinal))
        {
            uri = new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + AlertmanagerPath);
        }

        var token = sink.BearerTokenFile is { } tokenFile ? ReadFile(sink, tokenFile, "bearerTokenFile") : null;
        var secrets = ImmutableArray.CreateBuilder<string>();
        if (secret)
        {
            secrets.Add(text);
            secrets.Add(uri.ToString());
            secrets.Add(uri.AbsoluteUri);
            if (uri.PathAndQuery.Length > 1)
            {
                secrets.Add(uri.PathAndQuery);
            }
        }

        if (token is not null)
        {
            secrets.Add(token);
        }

        var display = secret ? $"{uri.Scheme}://{uri.Authority}/***" : uri.ToString();
        return new SinkEndpoint(uri, display, token, secrets.ToImmutable());
    }

    /// <summary>Replaces every secret (and its URL-escaped form) in <paramref name="text"/> with <c>***</c>.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var s in Secrets.Where(s => s.Length > 0).OrderByDescending(s => s.Length))
        {
            text = text.Replace(s, "***", StringComparison.Ordinal).Replace(Uri.EscapeDataString(s), "***", StringComparison.Ordinal);
        }

        return text;
    }

    private static string ReadFile(AlertSinkSettings sink, string path, string field)
    {
        try
        {
            var content = File.ReadAllText(path).Trim();
            return content.Length > 0
                ? content
                : throw new AlertConfigurationException($"alerts sink {sink.Name}: {field} {path} is empty.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AlertConfigurationException($"alerts sink {sink.Name}: cannot read {field} {path}: {ex.GetType().Name}.", ex);
        }
    }
}
