namespace ComplianceScanner.Core.Layers;

/// <summary>Which finding transitions a sink is told about (<c>notify:</c> in scanner.yaml).</summary>
[Flags]
public enum AlertNotify
{
    None = 0,

    /// <summary>A finding seen for the first time.</summary>
    New = 1,

    /// <summary>A finding open again after being resolved or excepted.</summary>
    Reopened = 2,

    /// <summary>
    /// A finding still open, sent again with every scan. Alertmanager needs this to keep an alert firing (it expires
    /// alerts that are not re-sent); for chat sinks it would repeat every finding on every scan.
    /// </summary>
    Open = 4,

    /// <summary>A finding fixed (absent from a complete scan) or newly covered by an exception.</summary>
    Resolved = 8,
}
