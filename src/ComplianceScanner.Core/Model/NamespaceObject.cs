namespace ComplianceScanner.Core.Model;

/// <summary>A Namespace.</summary>
public sealed record NamespaceObject : KubeObject
{
    public override string Kind => "Namespace";
}
