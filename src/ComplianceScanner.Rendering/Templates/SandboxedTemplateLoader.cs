using System.Collections.Immutable;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace ComplianceScanner.Rendering.Templates;

/// <summary>
/// Serves <c>include</c> from the templates already loaded from one directory, and nothing else: names are resolved
/// relative to that directory and a name that is absolute or climbs out of it is refused, so a template cannot read
/// arbitrary files (kubeconfigs, tokens) into a report.
/// </summary>
internal sealed class SandboxedTemplateLoader(string directory, ImmutableSortedDictionary<string, TemplateEntry> templates) : ITemplateLoader
{
    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName)
    {
        var normalized = TemplateNames.Normalize(templateName)
            ?? throw new ScriptRuntimeException(
                callerSpan,
                $"include '{templateName}' refused: templates may only include files inside the templates directory {directory}");
        if (templates.TryGetValue(normalized, out var entry) || templates.TryGetValue(normalized + ".sbn", out entry))
        {
            return entry.DisplayPath;
        }

        throw new ScriptRuntimeException(
            callerSpan,
            $"include '{templateName}': no template '{normalized}' in {directory} (available: {string.Join(", ", templates.Keys)})");
    }

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        templates.Values.FirstOrDefault(t => string.Equals(t.DisplayPath, templatePath, StringComparison.Ordinal))?.Text
        ?? throw new ScriptRuntimeException(callerSpan, $"include: template '{templatePath}' is not part of {directory}");

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        ValueTask.FromResult<string?>(Load(context, callerSpan, templatePath));
}
