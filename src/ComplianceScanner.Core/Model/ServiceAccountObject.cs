namespace ComplianceScanner.Core.Model;

/// <summary>A ServiceAccount (metadata only).</summary>
public sealed record ServiceAccountObject : KubeObject
{
    public override string Kind => "ServiceAccount";
}
