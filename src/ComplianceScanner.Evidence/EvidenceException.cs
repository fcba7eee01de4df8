namespace ComplianceScanner.Evidence;

/// <summary>A bundle cannot be created: the key, the store or the output directory is not usable. The message names the file.</summary>
public sealed class EvidenceException : Exception
{
    public EvidenceException()
    {
    }

    public EvidenceException(string message)
        : base(message)
    {
    }

    public EvidenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
