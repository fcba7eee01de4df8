namespace ComplianceScanner.Core.Layers;

/// <summary>
/// <c>reports.smtp</c>: the mail server reports are submitted to. The password is a secret: it is read at send time
/// from <see cref="PasswordFile"/> or <see cref="PasswordEnv"/>, never kept in scanner.yaml and never printed.
/// </summary>
public sealed record SmtpSettings
{
    public required string Host { get; init; }

    public int Port { get; init; } = 587;

    public SmtpSecurity Security { get; init; } = SmtpSecurity.StartTls;

    /// <summary>The login; null sends without authentication.</summary>
    public string? Username { get; init; }

    /// <summary>A file holding the password (absolute; resolved against the config file's directory), e.g. a mounted Secret.</summary>
    public string? PasswordFile { get; init; }

    /// <summary>An environment variable holding the password.</summary>
    public string? PasswordEnv { get; init; }

    /// <summary>The sender address (<c>From:</c>), e.g. <c>"Compliance Scanner &lt;scanner@example.com&gt;"</c>.</summary>
    public required string From { get; init; }
}
