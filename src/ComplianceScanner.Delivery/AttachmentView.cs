using System.Globalization;

namespace ComplianceScanner.Delivery;

/// <summary>A report file of the message: attached, or (too large) a link to the agent's API.</summary>
public sealed record AttachmentView(string FileName, long Size, bool Attached, string? Url)
{
    /// <summary>The size for people: bytes, KiB or MiB.</summary>
    public string SizeText => Size switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{Size} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{Size / 1024.0:0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Size / (1024.0 * 1024):0.#} MiB"),
    };
}
