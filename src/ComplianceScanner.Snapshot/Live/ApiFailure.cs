using System.Globalization;
using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;

namespace ComplianceScanner.Snapshot.Live;

/// <summary>Reads what went wrong from KubernetesClient's exceptions: the HTTP status, the Status message, Retry-After.</summary>
internal static class ApiFailure
{
    public static HttpStatusCode? Status(Exception exception) => exception switch
    {
        HttpOperationException { Response: { } response } => response.StatusCode,
        KubernetesException { Status.Code: { } code } => (HttpStatusCode)code,
        _ => null,
    };

    public static bool Is(Exception exception, HttpStatusCode status) => Status(exception) == status;

    /// <summary>
    /// Worth another try: throttling (429), a server error that usually passes (500, 502, 503, 504), a request timeout,
    /// or a connection that failed. Not a cancellation the caller asked for.
    /// </summary>
    public static bool IsTransient(Exception? exception, CancellationToken callerToken) => exception switch
    {
        null => false,
        HttpOperationException => Status(exception) is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
        HttpRequestException or IOException or TimeoutException => true,
        OperationCanceledException => !callerToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>The server's Retry-After (seconds), from the header or the Status details, when it sent one.</summary>
    public static TimeSpan? RetryAfter(Exception? exception)
    {
        if (exception is not HttpOperationException { Response: { } response })
        {
            return null;
        }

        foreach (var (name, values) in response.Headers)
        {
            if (string.Equals(name, "Retry-After", StringComparison.OrdinalIgnoreCase)
                && values.FirstOrDefault() is { } value
                && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        return ReadStatus(response.Content) is { RetryAfterSeconds: { } s } ? TimeSpan.FromSeconds(s) : null;
    }

    /// <summary>What went wrong in one line: <c>403 Forbidden: secrets is forbidden: User ...</c>.</summary>
    public static string Describe(Exception exception)
    {
        switch (exception)
        {
            case HttpOperationException { Response: { } response }:
                var status = ReadStatus(response.Content);
                var head = string.Create(CultureInfo.InvariantCulture, $"{(int)response.StatusCode} {response.StatusCode}");
                return status?.Message is { Length: > 0 } message ? head + ": " + message : head;
            case KubernetesException { Status: { } s }:
                return string.Create(CultureInfo.InvariantCulture, $"{s.Code} {s.Reason}: {s.Message}");
            case OperationCanceledException:
                return "the request timed out";
            default:
                return exception.Message;
        }
    }

    private static (string? Message, int? RetryAfterSeconds)? ReadStatus(string? content)
    {
        if (string.IsNullOrEmpty(content))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(content);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            int? retry = root.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object
                && d.TryGetProperty("retryAfterSeconds", out var r) && r.TryGetInt32(out var seconds) ? seconds : null;
            return (message, retry);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
