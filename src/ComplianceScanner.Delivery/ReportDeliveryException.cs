namespace ComplianceScanner.Delivery;

/// <summary>A report cannot be delivered because of the configuration (unknown schedule, no reports section, unreadable password file).</summary>
public sealed class ReportDeliveryException : Exception
{
    public ReportDeliveryException()
    {
    }

    public ReportDeliveryException(string message)
        : base(message)
    {
    }

    public ReportDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
