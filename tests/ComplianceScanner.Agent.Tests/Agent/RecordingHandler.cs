using System.Threading.Channels;

namespace ComplianceScanner.Agent.Tests.Agent;

/// <summary>A post-scan handler that hands every finished scan to the test, so tests wait on events instead of polling.</summary>
internal sealed class RecordingHandler : IScanCompletedHandler
{
    private readonly Channel<AgentScanResult> results = Channel.CreateUnbounded<AgentScanResult>();

    public Task OnScanCompletedAsync(AgentScanResult result, CancellationToken cancellationToken)
    {
        results.Writer.TryWrite(result);
        return Task.CompletedTask;
    }

    /// <summary>The next finished scan; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<AgentScanResult> NextAsync(TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await results.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no scan finished within {timeout} ({what})");
        }
    }

    /// <summary>True when another scan finished within <paramref name="wait"/> (used to prove that none did).</summary>
    public async Task<bool> AnotherWithinAsync(TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        try
        {
            return await results.Reader.WaitToReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
