using Polly;
using Polly.Retry;

namespace ComplianceScanner.Snapshot.Live;

/// <summary>
/// Retries one API request after a 429, 5xx, timeout or connection failure (Polly: exponential backoff with jitter,
/// the server's Retry-After honoured up to <see cref="LiveSnapshotOptions.MaxRetryDelay"/>), within a per-request limit
/// and a budget shared by every request of one read, and counts what happened for the result and metrics.
/// </summary>
internal sealed class ApiCallPolicy
{
    private readonly ResiliencePipeline pipeline;
    private int budget;
    private int retries;
    private int errors;

    public ApiCallPolicy(LiveSnapshotOptions options)
    {
        budget = options.RetryBudget;
        var builder = new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args =>
                {
                    var retry = ApiFailure.IsTransient(args.Outcome.Exception, args.Context.CancellationToken)
                        && Interlocked.Decrement(ref budget) >= 0;
                    return ValueTask.FromResult(retry);
                },
                DelayGenerator = args => ValueTask.FromResult(
                    ApiFailure.RetryAfter(args.Outcome.Exception) is { } after
                        ? (TimeSpan?)(after < options.MaxRetryDelay ? after : options.MaxRetryDelay)
                        : null),
                OnRetry = _ =>
                {
                    Interlocked.Increment(ref retries);
                    return ValueTask.CompletedTask;
                },
            });
        }

        pipeline = builder.Build();
    }

    public int Retries => Volatile.Read(ref retries);

    public int Errors => Volatile.Read(ref errors);

    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(ct => new ValueTask<T>(CountedAsync(call, ct)), cancellationToken);

    private async Task<T> CountedAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref errors);
            throw;
        }
    }
}
