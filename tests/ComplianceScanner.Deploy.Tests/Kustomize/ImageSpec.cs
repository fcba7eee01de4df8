namespace ComplianceScanner.Deploy.Tests.Kustomize;

/// <summary>An <c>images</c> entry: containers whose image is <see cref="Name"/> get the new name and tag.</summary>
public sealed class ImageSpec
{
    public string? Name { get; set; }

    public string? NewName { get; set; }

    public string? NewTag { get; set; }
}
