namespace ComplianceScanner.Snapshot.Live.PolicyReports;

/// <summary>A PolicyReport could not be written or pruned; the message names the object, the API error and the permission needed.</summary>
public sealed class PolicyReportPublishException : Exception
{
    public PolicyReportPublishException()
    {
    }

    public PolicyReportPublishException(string message)
        : base(message)
    {
    }

    public PolicyReportPublishException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
