namespace ComplianceScanner.Configuration.Validation;

/// <summary>
/// A team or cluster-wide layer that claims namespaces and subjects. <see cref="Key"/> (its field path) tells owners apart
/// even when two teams share a name; <see cref="Display"/> is how messages name it (<c>team shop</c>, <c>the cluster layer</c>).
/// </summary>
internal sealed record ClaimOwner(string Key, string Display, bool IsClusterLayer = false);
