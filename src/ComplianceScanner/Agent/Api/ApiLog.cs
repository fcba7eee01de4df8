using Microsoft.Extensions.Logging;

namespace ComplianceScanner.Agent.Api;

/// <summary>The HTTP API's log messages.</summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "API access review failed, denying: {Reason}")]
    public static partial void ReviewFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 201, Level = LogLevel.Error, Message = "API request {Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "API: {User} requested a scan")]
    public static partial void ScanRequested(ILogger logger, string user);
}
