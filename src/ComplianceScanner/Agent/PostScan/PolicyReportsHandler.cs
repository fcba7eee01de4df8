using ComplianceScanner.Rendering.PolicyReports;
using ComplianceScanner.Snapshot.Live;
using Microsoft.Extensions.Logging;

namespace ComplianceScanner.Agent.PostScan;

/// <summary>
/// With <c>agent.publishPolicyReports: true</c>: applies each scan's PolicyReports and ClusterPolicyReports
/// (wgpolicyk8s.io/v1alpha2, split under the object size limit) and prunes this scanner's stale ones, so policy-report
/// dashboards show the findings. Needs the <c>policyreports</c> RBAC component and the CRDs.
/// </summary>
internal sealed class PolicyReportsHandler(AgentOptions options, LiveSnapshotSource source, ILogger<PolicyReportsHandler> logger) : IScanCompletedHandler
{
    public async Task OnScanCompletedAsync(AgentScanResult result, CancellationToken cancellationToken)
    {
        if (!options.Config.Agent.PublishPolicyReports)
        {
            return;
        }

        var objects = PolicyReportWriter.Build(result.Report).Select(d => d.Json).ToList();
        var published = await source.CreatePolicyReportPublisher().PublishAsync(objects, cancellationToken).ConfigureAwait(false);
        AgentLog.PolicyReportsPublished(logger, result.Sequence, published.Created, published.Updated, published.Deleted);
    }
}
