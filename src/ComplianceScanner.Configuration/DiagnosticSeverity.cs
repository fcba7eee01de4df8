namespace ComplianceScanner.Configuration;

/// <summary>How bad a config problem is: an error rejects the config, a warning does not.</summary>
public enum DiagnosticSeverity
{
    Error = 0,
    Warning = 1,
}
