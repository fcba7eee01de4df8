namespace ComplianceScanner.Pipeline;

/// <summary>How to reach the cluster: a kubeconfig (and context), or the pod's service account.</summary>
/// <param name="Kubeconfig">Full path of the kubeconfig file; null with <paramref name="InCluster"/>.</param>
/// <param name="Context">Context in the kubeconfig; null for its current context.</param>
/// <param name="InCluster">Use the in-cluster service-account configuration.</param>
internal sealed record ClusterInput(string? Kubeconfig, string? Context, bool InCluster);
