using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ComplianceScanner.Alerting;

/// <summary>
/// Posts one rendered message: JSON body, <c>Idempotency-Key</c> header, bearer token when configured; retried within
/// the run (exponential backoff with jitter) on network errors, timeouts, 408, 429 and 5xx. Every error it reports has
/// the sink's secrets redacted.
/// </summary>
internal sealed class AlertSender
{
    public const string IdempotencyHeader = "Idempotency-Key";

    private static readonly string UserAgent = "compliance-scanner/" +
        (typeof(AlertSender).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0");

    private readonly HttpClient http;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;

    public AlertSender(HttpClient http, TimeProvider time, AlertDispatcherOptions options)
    {
        this.http = http;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.RetriesPerRun > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => IsTransient(r.StatusCode)),
                MaxRetryAttempts = options.RetriesPerRun,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    // A retried response is never read; release its connection.
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        pipeline = builder.AddTimeout(options.AttemptTimeout).Build();
    }

    /// <summary>Sends; returns null when the receiver accepted (2xx), else the redacted reason.</summary>
    public async Task<string?> SendAsync(SinkEndpoint endpoint, string body, string idempotencyKey, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await pipeline.ExecuteAsync(
                async token =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
                    {
                        Content = new StringContent(body, Encoding.UTF8, "application/json"),
                    };
                    request.Headers.TryAddWithoutValidation(IdempotencyHeader, idempotencyKey);
                    request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
                    if (endpoint.Token is { } bearer)
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                    }

                    return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return null;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            text = text.Length > 200 ? text[..200] + "..." : text;
            return endpoint.Redact(string.Create(CultureInfo.InvariantCulture, $"{endpoint.Display} answered {(int)response.StatusCode} {response.ReasonPhrase}: {text.Trim()}"));
        }
        catch (TimeoutRejectedException)
        {
            return $"{endpoint.Display} did not answer in time";
        }
        catch (HttpRequestException ex)
        {
            return endpoint.Redact($"{endpoint.Display}: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout of the caller's client.
            return $"{endpoint.Display} did not answer in time";
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
