namespace ComplianceScanner.Alerting;

/// <summary>
/// An alert sink cannot be used as configured: its template is missing, or its URL or token file or variable is
/// missing or invalid. The message names the sink and where the value should come from, never the secret itself.
/// </summary>
public sealed class AlertConfigurationException : Exception
{
    public AlertConfigurationException(string message)
        : base(message)
    {
    }

    public AlertConfigurationException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public AlertConfigurationException()
    {
    }
}
