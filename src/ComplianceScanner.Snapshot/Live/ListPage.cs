namespace ComplianceScanner.Snapshot.Live;

/// <summary>One page of a list: its items (KubernetesClient models), the list's resourceVersion, and the continue token (null on the last page).</summary>
internal sealed record ListPage(IReadOnlyList<object> Items, string? ResourceVersion, string? Continue);
