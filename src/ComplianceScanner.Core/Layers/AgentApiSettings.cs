namespace ComplianceScanner.Core.Layers;

/// <summary>
/// <c>agent.api: {authMode, tokensFile, protectMetrics, rateLimit: {requests, window}}</c>: how the agent's HTTP API authenticates
/// callers and how many requests one caller may make.
/// </summary>
public sealed record AgentApiSettings
{
    public static AgentApiSettings Default { get; } = new();

    /// <summary>How bearer tokens are checked.</summary>
    public ApiAuthMode AuthMode { get; init; } = ApiAuthMode.Auto;

    /// <summary>The tokens file (absolute; relative paths are resolved against the config file's directory); null: none.</summary>
    public string? TokensFile { get; init; }

    /// <summary>When true, <c>/metrics</c> needs a token like the API (verb get); by default it is anonymous for Prometheus.</summary>
    public bool ProtectMetrics { get; init; }

    /// <summary>Requests one client (authenticated user, else remote address) may make per <see cref="RateLimitWindow"/>.</summary>
    public int RateLimitRequests { get; init; } = 120;

    /// <summary>The fixed window the rate limit counts in.</summary>
    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromMinutes(1);
}
