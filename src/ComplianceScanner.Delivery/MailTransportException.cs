namespace ComplianceScanner.Delivery;

/// <summary>The mail server could not be reached or did not accept the message. The message never contains the password.</summary>
public sealed class MailTransportException : Exception
{
    public MailTransportException()
    {
    }

    public MailTransportException(string message)
        : base(message)
    {
    }

    public MailTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
