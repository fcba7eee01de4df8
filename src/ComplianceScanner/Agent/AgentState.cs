using System.Collections.Immutable;

namespace ComplianceScanner.Agent;

/// <summary>
/// What the agent's endpoints and metrics report: whether this replica leads, whether it is ready, and its recent
/// scans. Thread-safe; written by the worker and the scanner, read by HTTP requests and metric collection.
/// </summary>
internal sealed class AgentState
{
    private const int Kept = 20;

    private readonly Lock gate = new();
    private ImmutableList<AgentScanResult> recent = [];
    private bool leading;
    private string? leader;
    private bool following;

    /// <summary>This replica holds the Lease (always, without leader election) and scans.</summary>
    public bool IsLeader
    {
        get
        {
            lock (gate)
            {
                return leading;
            }
        }
    }

    /// <summary>The Lease holder last observed (this replica's identity when it leads); null before any.</summary>
    public string? Leader
    {
        get
        {
            lock (gate)
            {
                return leader;
            }
        }
    }

    /// <summary>
    /// Ready for traffic: the leader once its first scan finished; a standby replica once it sees another leader
    /// (it serves /metrics and waits to take over, so holding back its rollout would help nobody).
    /// </summary>
    public bool Ready
    {
        get
        {
            lock (gate)
            {
                return leading ? !recent.IsEmpty : following;
            }
        }
    }

    /// <summary>The latest finished scan, or null before the first.</summary>
    public AgentScanResult? Latest
    {
        get
        {
            lock (gate)
            {
                return recent.IsEmpty ? null : recent[^1];
            }
        }
    }

    /// <summary>The most recent finished scans (up to 20), oldest first.</summary>
    public ImmutableList<AgentScanResult> Recent
    {
        get
        {
            lock (gate)
            {
                return recent;
            }
        }
    }

    /// <summary>Scans this process finished (also those no longer in <see cref="Recent"/>).</summary>
    public int ScanCount { get; private set; }

    public void StartedLeading(string identity)
    {
        lock (gate)
        {
            leading = true;
            following = false;
            leader = identity;
        }
    }

    public void StoppedLeading()
    {
        lock (gate)
        {
            leading = false;
            following = false;
            recent = [];
        }
    }

    public void ObservedLeader(string identity, bool self)
    {
        lock (gate)
        {
            leader = identity;
            following = !self && !leading;
        }
    }

    public void Finished(AgentScanResult result)
    {
        lock (gate)
        {
            recent = recent.Count >= Kept ? recent.RemoveAt(0).Add(result) : recent.Add(result);
            ScanCount++;
        }
    }
}
