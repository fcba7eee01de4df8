using System.Collections.Immutable;
using System.Globalization;
using System.Net.Sockets;
using ComplianceScanner.Core.Layers;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ComplianceScanner.Delivery;

/// <summary>
/// Sends over SMTP with MailKit: STARTTLS (required, not opportunistic), implicit TLS or plain, and login when a
/// username is configured. The password is read at send time from its file or environment variable, so a rotated
/// Secret is picked up without a restart, and it never appears in an error.
/// </summary>
public sealed class SmtpMailTransport(SmtpSettings settings, TimeSpan? timeout = null) : IMailTransport
{
    private readonly SmtpSettings settings = settings ?? throw new ArgumentNullException(nameof(settings));
    private readonly int timeoutMs = (int)(timeout ?? TimeSpan.FromSeconds(60)).TotalMilliseconds;

    public async Task SendAsync(MimeMessage message, MailboxAddress sender, ImmutableArray<MailboxAddress> recipients, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(sender);
        var password = settings.Username is null ? null : ReadPassword();
        using var client = new SmtpClient { Timeout = timeoutMs };
        var security = settings.Security switch
        {
            SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.None => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        };
        var stage = "connect to";
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, security, cancellationToken).ConfigureAwait(false);
            if (settings.Username is not null)
            {
                stage = "log in to";
                await client.AuthenticateAsync(settings.Username, password!, cancellationToken).ConfigureAwait(false);
            }

            stage = "send through";
            await client.SendAsync(message, sender, recipients, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransportError(ex))
        {
            var code = ex is SmtpCommandException command ? string.Create(CultureInfo.InvariantCulture, $" ({(int)command.StatusCode})") : string.Empty;
            throw new MailTransportException($"cannot {stage} SMTP server {settings.Host}:{settings.Port}{code}: {ex.Message}", ex);
        }

        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransportError(ex))
        {
            // The message was accepted; a failing QUIT must not make it look unsent (that would send it twice).
        }
    }

    private static bool IsTransportError(Exception ex) =>
        ex is SmtpCommandException or SmtpProtocolException or IOException or SocketException or AuthenticationException
            or SslHandshakeException or ServiceNotConnectedException or ServiceNotAuthenticatedException or NotSupportedException or TimeoutException;

    private string ReadPassword()
    {
        if (settings.PasswordEnv is { } env)
        {
            return Environment.GetEnvironmentVariable(env) is { Length: > 0 } value
                ? value
                : throw new ReportDeliveryException($"reports.smtp.passwordEnv: the environment variable {env} is not set or empty.");
        }

        if (settings.PasswordFile is { } file)
        {
            try
            {
                // A trailing newline is how most editors and `kubectl create secret --from-file` leave it; it is never part of a password.
                return File.ReadAllText(file).TrimEnd('\r', '\n');
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ReportDeliveryException($"reports.smtp.passwordFile: cannot read {file}: {ex.Message}", ex);
            }
        }

        throw new ReportDeliveryException("reports.smtp.username is set but no passwordFile or passwordEnv.");
    }
}
