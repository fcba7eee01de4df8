using System.Collections.Immutable;
using MimeKit;

namespace ComplianceScanner.Delivery.Tests;

/// <summary>A message the test server accepted: the envelope recipients (RCPT TO) and the parsed message.</summary>
internal sealed record ReceivedMail(ImmutableArray<string> EnvelopeTo, MimeMessage Message)
{
    public string Html => Message.HtmlBody ?? string.Empty;

    public string Text => Message.TextBody ?? string.Empty;

    public MimePart? Attachment(string fileName) =>
        Message.Attachments.OfType<MimePart>().FirstOrDefault(a => a.FileName == fileName);

    public string AttachmentText(string fileName)
    {
        var part = Attachment(fileName) ?? throw new InvalidOperationException($"no attachment {fileName}");
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
