namespace ComplianceScanner.Cli;

/// <summary>A mistake in what the user gave us (a path, a value): printed as one line, exit code 2.</summary>
internal sealed class UserInputException : Exception
{
    public UserInputException(string message)
        : base(message)
    {
    }

    public UserInputException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public UserInputException()
    {
    }
}
