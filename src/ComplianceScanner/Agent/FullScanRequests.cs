using System.Threading.Channels;

namespace ComplianceScanner.Agent;

/// <summary>
/// Hands scheduled full scans from the Quartz job to the leader's scan loop, so that every scan (scheduled or
/// watch-triggered) runs on that one loop, one at a time. The job waits until its scan finished or was dropped.
/// </summary>
internal sealed class FullScanRequests
{
    private readonly Channel<TaskCompletionSource<AgentScanResult?>> requests =
        Channel.CreateUnbounded<TaskCompletionSource<AgentScanResult?>>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<TaskCompletionSource<AgentScanResult?>> Reader => requests.Reader;

    /// <summary>Queues a full scan and waits for it; null when it was dropped (leadership lost, shutdown).</summary>
    public async Task<AgentScanResult?> RequestAsync(CancellationToken cancellationToken)
    {
        var request = new TaskCompletionSource<AgentScanResult?>(TaskCreationOptions.RunContinuationsAsynchronously);
        requests.Writer.TryWrite(request);
        return await request.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Answers every queued request with "dropped" (the leader's loop ended).</summary>
    public void DropPending()
    {
        while (requests.Reader.TryRead(out var request))
        {
            request.TrySetResult(null);
        }
    }
}
