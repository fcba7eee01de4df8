using System.Collections.Immutable;
using MimeKit;

namespace ComplianceScanner.Delivery;

/// <summary>Submits one message to the mail server.</summary>
public interface IMailTransport
{
    /// <summary>Returns once the server accepted the message for every recipient.</summary>
    /// <exception cref="MailTransportException">The server is unreachable, refused the connection, login or message.</exception>
    Task SendAsync(MimeMessage message, MailboxAddress sender, ImmutableArray<MailboxAddress> recipients, CancellationToken cancellationToken);
}
