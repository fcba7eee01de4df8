namespace ComplianceScanner.Deploy.Tests.Docker;

/// <summary>A build stage: its base (an image or an earlier stage), its name, and its instructions after FROM.</summary>
public sealed record DockerStage(string From, string? Name, int Line, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);
}
