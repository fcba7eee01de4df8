namespace ComplianceScanner.Snapshot.Manifests.Parsing;

/// <summary>Thrown inside a tree builder when one document cannot be accepted; the reader records it and moves to the next document.</summary>
internal sealed class DocumentRejectedException : Exception
{
    public DocumentRejectedException()
    {
    }

    public DocumentRejectedException(string message)
        : base(message)
    {
    }

    public DocumentRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DocumentRejectedException(int line, string message)
        : base(message)
    {
        Line = line;
    }

    public int Line { get; }
}
