namespace ComplianceScanner.Agent;

/// <summary>
/// Post-scan work the agent runs after every scan it recorded (alerts, PolicyReports, e-mail, ...). Register an
/// implementation in <see cref="AgentExtensions.AddPostScanWork"/>; handlers run one after the other in registration
/// order, after the scan is recorded and its reports are written. A handler that throws is logged and does not stop
/// the others or the agent. The token is cancelled when the agent shuts down or loses leadership.
/// </summary>
internal interface IScanCompletedHandler
{
    Task OnScanCompletedAsync(AgentScanResult result, CancellationToken cancellationToken);
}
