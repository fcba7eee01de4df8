namespace ComplianceScanner.Pipeline;

/// <summary>Receives stage progress; the CLI shows it as a live status on a terminal or as plain lines otherwise.</summary>
internal interface IScanProgress
{
    void Stage(string name, string detail);
}
