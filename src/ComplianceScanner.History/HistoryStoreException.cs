namespace ComplianceScanner.History;

/// <summary>
/// The history store cannot be used as asked: the file is missing, is not a SQLite database or is damaged, was written
/// by a newer scanner, or a scan id is unknown. The message names the file and says what to do.
/// </summary>
public sealed class HistoryStoreException : Exception
{
    public HistoryStoreException(string message)
        : base(message)
    {
    }

    public HistoryStoreException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public HistoryStoreException()
    {
    }
}
