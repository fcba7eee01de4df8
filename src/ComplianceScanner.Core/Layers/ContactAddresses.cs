using System.Collections.Immutable;
using System.Net.Mail;

namespace ComplianceScanner.Core.Layers;

/// <summary>
/// Which contacts are e-mail addresses. Contacts may also be chat channels (<c>#payments-alerts</c>); reports go only to
/// the addresses, so a schedule whose audience has none reaches nobody.
/// </summary>
public static class ContactAddresses
{
    /// <summary>True for <c>user@example.com</c> or <c>"Name &lt;user@example.com&gt;"</c>.</summary>
    public static bool IsEmail(string contact) =>
        !string.IsNullOrWhiteSpace(contact) && MailAddress.TryCreate(contact.Trim(), out var address) && address.Host.Length > 0;

    /// <summary>The e-mail addresses among <paramref name="contacts"/>, in order, without duplicates.</summary>
    public static ImmutableArray<string> EmailsOf(IEnumerable<string> contacts) =>
        [.. contacts.Where(IsEmail).Select(c => c.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];
}
