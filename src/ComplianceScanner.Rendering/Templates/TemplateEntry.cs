using Scriban;

namespace ComplianceScanner.Rendering.Templates;

/// <summary>A parsed template file of a <see cref="TemplateSet"/>.</summary>
/// <param name="Name">Path relative to the templates directory with '/' separators, e.g. <c>partials/finding.html.sbn</c>.</param>
/// <param name="DisplayPath">The file path shown in error messages: the directory as the user gave it, plus the name.</param>
/// <param name="Text">The template source.</param>
/// <param name="Template">The parsed template.</param>
internal sealed record TemplateEntry(string Name, string DisplayPath, string Text, Template Template);
