namespace ComplianceScanner.Agent.Tests.Agent;

/// <summary>
/// Agent tests run one at a time: each starts Kestrel hosts, watches and timers, and metrics listeners see every meter
/// of the process by name, so two agents of different tests running at once would count into each other's scrape.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AgentCollection
{
    public const string Name = "agent";
}
