using System.Collections;
using System.Collections.Immutable;
using ComplianceScanner.Rendering.Templates;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace ComplianceScanner.Rendering;

/// <summary>
/// The Scriban templates of one directory (<c>*.sbn</c>, recursively), parsed up front so a syntax error in any of
/// them is reported before a scan's output is written. Templates named <c>*.html.sbn</c> (also .htm, .xml, .svg)
/// escape every value they output, <c>*.json.sbn</c> JSON-escape them (for use inside quotes); see docs/reports-format.md.
/// </summary>
public sealed class TemplateSet
{
    /// <summary>Iterations allowed per outermost loop, nested loops included (a report with 100 000 findings of 8 evidence steps each needs 900 000); stops a runaway <c>while</c> within a second or so.</summary>
    public const int LoopLimit = 1_000_000;

    /// <summary>Nested function calls and includes allowed; stops a template that includes itself.</summary>
    public const int RecursiveLimit = 64;

    /// <summary>Characters a single render may produce (256 Mi); beyond that rendering fails rather than truncating.</summary>
    public const int OutputLimit = 256 * 1024 * 1024;

    private readonly ImmutableSortedDictionary<string, TemplateEntry> templates;
    private readonly SandboxedTemplateLoader loader;

    private TemplateSet(string directory, ImmutableSortedDictionary<string, TemplateEntry> templates)
    {
        Directory = directory;
        this.templates = templates;
        loader = new SandboxedTemplateLoader(directory, templates);
    }

    /// <summary>The templates shipped with the scanner: <c>templates/</c> beside the executable.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "templates");

    /// <summary>The directory as given to <see cref="FromDirectory"/>; error messages name files below it.</summary>
    public string Directory { get; }

    /// <summary>Template names: paths relative to <see cref="Directory"/> with '/' separators, sorted.</summary>
    public IReadOnlyCollection<string> Names => templates.Keys.ToImmutableArray();

    /// <summary>Loads and parses every <c>*.sbn</c> file below <paramref name="directory"/>.</summary>
    /// <exception cref="TemplateRenderException">The directory is missing or empty, or a template has syntax errors (all are listed).</exception>
    public static TemplateSet FromDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new TemplateRenderException($"{directory}: error: templates directory not found (pass --templates with a directory of *.sbn files)");
        }

        var entries = ImmutableSortedDictionary.CreateBuilder<string, TemplateEntry>(StringComparer.Ordinal);
        var errors = new List<TemplateRenderException>();
        var files = System.IO.Directory.EnumerateFiles(directory, "*.sbn", new EnumerationOptions { RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseSensitive })
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var name = Path.GetRelativePath(directory, file).Replace(Path.DirectorySeparatorChar, '/');
            var displayPath = Path.Combine(directory, name);
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add(new TemplateRenderException($"{displayPath}: error: cannot read the template: {e.Message}", displayPath, 0, 0, e));
                continue;
            }

            var template = Template.Parse(text, displayPath);
            if (template.HasErrors)
            {
                errors.Add(TemplateDiagnostics.FromParse(template.Messages, displayPath));
                continue;
            }

            entries[name] = new TemplateEntry(name, displayPath, text, template);
        }

        if (errors.Count > 0)
        {
            var first = errors[0];
            throw new TemplateRenderException(string.Join('\n', errors.Select(e => e.Message)), first.TemplatePath, first.Line, first.Column);
        }

        if (entries.Count == 0)
        {
            throw new TemplateRenderException($"{directory}: error: no *.sbn templates in the templates directory");
        }

        return new TemplateSet(directory, entries.ToImmutable());
    }

    /// <summary>True when the set has a template of that name (relative path, '/' separators).</summary>
    public bool Contains(string templateName) =>
        TemplateNames.Normalize(templateName) is { } name && templates.ContainsKey(name);

    /// <summary>
    /// Renders one template. The model's public properties (or a dictionary's keys, or a Scriban ScriptObject's
    /// members) become top-level variables, named in snake_case like every .NET member a template sees.
    /// </summary>
    /// <exception cref="TemplateRenderException">Unknown template or a runtime error; the message names file, line and column.</exception>
    public string Render(string templateName, object model) => Execute(templateName, model, writer: null)!;

    /// <summary>
    /// As <see cref="Render"/>, written to <paramref name="writer"/> as the template runs: a large report (the HTML of
    /// tens of thousands of findings is over 100 MiB) is never held in memory whole. On an error, part of the output
    /// may have been written.
    /// </summary>
    /// <exception cref="TemplateRenderException">Unknown template or a runtime error; the message names file, line and column.</exception>
    public void RenderTo(string templateName, object model, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Execute(templateName, model, writer);
    }

    /// <summary>Renders to <paramref name="writer"/>, or, when it is null, into the string returned.</summary>
    private string? Execute(string templateName, object model, TextWriter? writer)
    {
        ArgumentNullException.ThrowIfNull(templateName);
        ArgumentNullException.ThrowIfNull(model);
        var entry = TemplateNames.Normalize(templateName) is { } name && templates.TryGetValue(name, out var found)
            ? found
            : throw new TemplateRenderException(
                $"{Directory}: error: no template '{templateName}' (available: {string.Join(", ", templates.Keys)})");

        var context = CreateContext(TemplateNames.EscapingFor(entry.Name));
        context.PushGlobal(Globals(context, model));
        if (writer is not null)
        {
            context.PushOutput(new TextWriterOutput(writer));
        }

        try
        {
            var text = entry.Template.Render(context);
            return writer is null ? text : null;
        }
        catch (ScriptRuntimeException e)
        {
            throw TemplateDiagnostics.FromRuntime(e, entry.DisplayPath);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or InvalidCastException or NullReferenceException)
        {
            // A .NET member of the model threw while the template read it; Scriban gives no position for that.
            throw new TemplateRenderException($"{entry.DisplayPath}: error: {e.Message}", entry.DisplayPath, 0, 0, e);
        }
        finally
        {
            if (writer is not null)
            {
                context.PopOutput();
            }
        }
    }

    private ReportTemplateContext CreateContext(OutputEscaping escaping)
    {
        var context = new ReportTemplateContext(escaping)
        {
            TemplateLoader = loader,
            LoopLimit = LoopLimit,
            RecursiveLimit = RecursiveLimit,
            OutputLimit = OutputLimit,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            LimitToString = 0,
            NewLine = "\n",
            MemberRenamer = StandardMemberRenamer.Default,

            // A misspelt variable or member fails the render with its position instead of printing nothing.
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
        };

        // Includes reuse the templates parsed at load time; the loader still validates every name first.
        foreach (var entry in templates.Values)
        {
            context.CachedTemplates[entry.DisplayPath] = entry.Template;
        }

        return context;
    }

    private static ScriptObject Globals(ReportTemplateContext context, object model)
    {
        var globals = new ScriptObject();
        TemplateFunctions.Install(globals, context);
        switch (model)
        {
            case IScriptObject script:
                foreach (var member in script.GetMembers())
                {
                    script.TryGetValue(context, default, member, out var value);
                    globals.SetValue(member, value, true);
                }

                break;
            case IDictionary dictionary:
                foreach (DictionaryEntry item in dictionary)
                {
                    globals.SetValue(Convert.ToString(item.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, item.Value, true);
                }

                break;
            default:
                globals.Import(model, renamer: context.MemberRenamer);
                break;
        }

        return globals;
    }
}
