namespace ComplianceScanner.Rendering.Templates;

/// <summary>How the values a template outputs are escaped.</summary>
internal enum OutputEscaping
{
    /// <summary>Written as they are (plain text).</summary>
    None,

    /// <summary>HTML/XML escaping (also of attribute values); <see cref="RawHtml"/> passes.</summary>
    Markup,

    /// <summary>Markdown escaping: punctuation that could start a link, image, emphasis, code or HTML is backslash-escaped.</summary>
    Markdown,

    /// <summary>JSON string escaping: values are meant to be written inside a template's quotes ("{{ x }}").</summary>
    Json,
}
