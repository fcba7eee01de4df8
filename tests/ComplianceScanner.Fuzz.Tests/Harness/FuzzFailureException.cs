namespace ComplianceScanner.Fuzz.Tests.Harness;

/// <summary>A property violated by one input: what went wrong, in words.</summary>
internal sealed class FuzzFailureException : Exception
{
    public FuzzFailureException()
    {
    }

    public FuzzFailureException(string message)
        : base(message)
    {
    }

    public FuzzFailureException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
