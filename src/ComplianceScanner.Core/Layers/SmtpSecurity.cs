namespace ComplianceScanner.Core.Layers;

/// <summary>How the SMTP connection is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS, which the server must offer (submission port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, port 465).</summary>
    Tls,

    /// <summary>No encryption: only for a relay on the same host or a test server.</summary>
    None,
}
