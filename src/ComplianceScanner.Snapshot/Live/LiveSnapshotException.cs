namespace ComplianceScanner.Snapshot.Live;

/// <summary>
/// The cluster could not be read at all: a kubeconfig or context that does not work, or an API server that cannot be
/// reached or refuses the credentials. (One kind that cannot be read is not this: it is a gap in the snapshot.)
/// </summary>
public sealed class LiveSnapshotException : Exception
{
    public LiveSnapshotException()
    {
    }

    public LiveSnapshotException(string message)
        : base(message)
    {
    }

    public LiveSnapshotException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
