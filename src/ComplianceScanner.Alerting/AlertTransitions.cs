namespace ComplianceScanner.Alerting;

/// <summary>The transition names of <see cref="AlertData.Transition"/> and their status.</summary>
public static class AlertTransitions
{
    public const string New = "new";
    public const string Reopened = "reopened";
    public const string Open = "open";
    public const string Resolved = "resolved";
    public const string Excepted = "excepted";

    public const string Firing = "firing";
    public const string ResolvedStatus = "resolved";

    public static string StatusOf(string transition) => transition is Resolved or Excepted ? ResolvedStatus : Firing;
}
