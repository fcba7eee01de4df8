namespace ComplianceScanner.Core.Diff;

/// <summary>One changed field of an object, by its Kubernetes field path (e.g. <c>spec.rules[0].host</c>).</summary>
/// <param name="Path">The field path.</param>
/// <param name="Before">The earlier value; null when the field was absent.</param>
/// <param name="After">The later value; null when the field is absent now.</param>
public sealed record FieldChange(string Path, string? Before, string? After)
{
    /// <summary><c>spec.rules[0].host: a → b</c>, with <c>(none)</c> for an absent value.</summary>
    public override string ToString() => $"{Path}: {Before ?? "(none)"} → {After ?? "(none)"}";
}
