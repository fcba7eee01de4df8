namespace ComplianceScanner.Core.Model;

/// <summary>A Secret's metadata and type. The data is never read or kept.</summary>
public sealed record SecretMetadata : KubeObject
{
    public const string TlsType = "kubernetes.io/tls";

    public override string Kind => "Secret";

    /// <summary><c>type</c>; Opaque when absent.</summary>
    public string Type { get; init; } = "Opaque";
}
