namespace ComplianceScanner.Alerting;

/// <summary>The <c>sink</c> variable of alert templates.</summary>
public sealed record SinkView(string Name, string Type);
