namespace ComplianceScanner.Rendering;

/// <summary>
/// A template could not be loaded, parsed or rendered. <see cref="Exception.Message"/> is written for the person who
/// edits the template, compiler style: <c>templates/report.html.sbn(12,5): error: ...</c>, one line per problem.
/// </summary>
public sealed class TemplateRenderException : Exception
{
    public TemplateRenderException()
        : base("template error")
    {
    }

    public TemplateRenderException(string message)
        : base(message)
    {
    }

    public TemplateRenderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TemplateRenderException(string message, string? templatePath, int line, int column, Exception? innerException = null)
        : base(message, innerException)
    {
        TemplatePath = templatePath;
        Line = line;
        Column = column;
    }

    /// <summary>The template file of the (first) error, as shown in the message; null when no file is involved.</summary>
    public string? TemplatePath { get; }

    /// <summary>1-based line of the (first) error; 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column of the (first) error; 0 when unknown.</summary>
    public int Column { get; }
}
