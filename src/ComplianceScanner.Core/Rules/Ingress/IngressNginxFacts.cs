using System.Collections.Frozen;

namespace ComplianceScanner.Core.Rules.Ingress;

/// <summary>Published ingress-nginx risk facts (see docs/rules and RULES.md for sources).</summary>
public static class IngressNginxFacts
{
    public const string AnnotationPrefix = "nginx.ingress.kubernetes.io/";

    /// <summary>Annotations that inject raw NGINX configuration: Critical risk (CVE-2021-25742).</summary>
    public static FrozenSet<string> CriticalAnnotations { get; } = new[]
    {
        "configuration-snippet", "server-snippet", "auth-snippet", "modsecurity-snippet", "stream-snippet",
    }.Select(a => AnnotationPrefix + a).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>High-risk annotations and the advisory that makes them so.</summary>
    public static FrozenDictionary<string, string> HighRiskAnnotations { get; } = new Dictionary<string, string>
    {
        ["server-alias"] = "claims extra host names outside spec.rules",
        ["auth-tls-match-cn"] = "CVE-2025-1097: configuration injection",
        ["auth-url"] = "CVE-2025-24514: configuration injection",
        ["auth-signin"] = "redirect target under the author's control",
        ["mirror-host"] = "CVE-2025-1098: configuration injection",
        ["mirror-target"] = "CVE-2025-1098: configuration injection",
        ["permanent-redirect"] = "CVE-2023-5044: code injection",
        ["proxy-ssl-name"] = "upstream TLS name override",
        ["upstream-hash-by"] = "variable injection into the NGINX config",
    }.ToFrozenDictionary(kv => AnnotationPrefix + kv.Key, kv => kv.Value, StringComparer.Ordinal);

    /// <summary>ingress-nginx's own default annotation-value word blocklist: tokens that only appear in injection attempts.</summary>
    public static IReadOnlyList<string> ValueBlocklist { get; } =
        ["load_module", "lua_package", "_by_lua", "location", "root", "proxy_pass", "serviceaccount", "{", "}", "'", "\""];

    /// <summary>The controller images' repository suffix.</summary>
    public static IReadOnlyList<string> ControllerImageRepositories { get; } =
        ["ingress-nginx/controller", "ingress-nginx/controller-chroot", "kubernetes-ingress-controller/nginx-ingress-controller"];

    /// <summary>The controller names ingress-nginx registers in IngressClass.spec.controller.</summary>
    public const string ControllerName = "k8s.io/ingress-nginx";

    /// <summary>After this date the project publishes no more security fixes.</summary>
    public static DateOnly RetiredAfter { get; } = new(2026, 3, 31);

    /// <summary>
    /// True when the version is vulnerable to CVE-2025-1974 (IngressNightmare, unauthenticated RCE through the admission
    /// webhook): fixed in 1.11.5 and 1.12.1.
    /// </summary>
    public static bool IsVulnerableToIngressNightmare(Version version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version < new Version(1, 11, 5) || (version.Major == 1 && version.Minor == 12 && version < new Version(1, 12, 1));
    }

    /// <summary>Parses the controller version from an image reference such as <c>registry.k8s.io/ingress-nginx/controller:v1.11.3@sha256:...</c>.</summary>
    public static bool TryParseControllerImage(string image, out Version? version)
    {
        ArgumentNullException.ThrowIfNull(image);
        version = null;
        var reference = image.Split('@')[0];
        var slash = reference.LastIndexOf('/');
        var colon = reference.LastIndexOf(':');
        var repository = colon > slash ? reference[..colon] : reference;
        if (!ControllerImageRepositories.Any(r => repository.EndsWith(r, StringComparison.Ordinal)))
        {
            return false;
        }

        if (colon > slash)
        {
            var tag = reference[(colon + 1)..].TrimStart('v');
            var dash = tag.IndexOf('-', StringComparison.Ordinal);
            if (dash >= 0)
            {
                tag = tag[..dash];
            }

            if (Version.TryParse(tag, out var parsed))
            {
                version = new Version(parsed.Major, parsed.Minor, Math.Max(parsed.Build, 0));
            }
        }

        return true;
    }
}
