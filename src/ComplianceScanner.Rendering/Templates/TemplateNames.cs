namespace ComplianceScanner.Rendering.Templates;

/// <summary>Normalises template names to '/'-separated paths relative to the templates directory.</summary>
internal static class TemplateNames
{
    /// <summary>
    /// Resolves <c>.</c> and <c>..</c> segments. Returns null when the name is absolute or climbs out of the directory,
    /// so no include can read a file outside it, whatever the spelling.
    /// </summary>
    public static string? Normalize(string name)
    {
        if (string.IsNullOrWhiteSpace(name)
            || Path.IsPathRooted(name)
            || name[0] is '/' or '\\' or '~'
            || name.Contains(':', StringComparison.Ordinal))
        {
            return null;
        }

        var segments = new List<string>();
        foreach (var segment in name.Split('/', '\\'))
        {
            switch (segment)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (segments.Count == 0)
                    {
                        return null;
                    }

                    segments.RemoveAt(segments.Count - 1);
                    break;
                default:
                    segments.Add(segment);
                    break;
            }
        }

        return segments.Count == 0 ? null : string.Join('/', segments);
    }

    /// <summary>
    /// How a template's output values are escaped, chosen by the extension before <c>.sbn</c>: HTML, XML and SVG get
    /// markup escaping, Markdown (<c>.md</c>) Markdown escaping, JSON (<c>.json</c>) JSON string escaping, anything else (plain text) none.
    /// </summary>
    public static OutputEscaping EscapingFor(string name)
    {
        var withoutSbn = name.EndsWith(".sbn", StringComparison.OrdinalIgnoreCase) ? name[..^4] : name;
        var extension = Path.GetExtension(withoutSbn).ToLowerInvariant();
        return extension switch
        {
            ".html" or ".htm" or ".xml" or ".svg" => OutputEscaping.Markup,
            ".md" or ".markdown" => OutputEscaping.Markdown,
            ".json" => OutputEscaping.Json,
            _ => OutputEscaping.None,
        };
    }
}
