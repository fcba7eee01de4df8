using System.Globalization;
using ComplianceScanner.Configuration.Binding;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Yaml;

/// <summary>Parses the text into YamlDotNet's representation model, turning every YAML-level problem into a diagnostic.</summary>
internal static class YamlDocumentReader
{
    /// <summary>The root node of the one document in <paramref name="text"/>, or null when there is none to bind.</summary>
    public static YamlNode? Read(string text, DiagnosticBag diagnostics)
    {
        var guard = new GuardedParser(new Scanner(new StringReader(text)));
        var stream = new YamlStream();
        try
        {
            stream.Load(guard);
        }
        catch (YamlException ex)
        {
            ReportDuplicates(guard, diagnostics);
            if (guard.FailureCode is not null)
            {
                diagnostics.Error(ex.Start, guard.FailurePath, guard.FailureCode, ex.Message);
            }
            else if (ex.Message.Contains(" tab ", StringComparison.Ordinal) && FirstTabIndent(text) is { } tab)
            {
                // YamlDotNet reports a tab at the start of the enclosing mapping; point at the tab itself.
                diagnostics.Error(tab, string.Empty, ConfigDiagnosticCodes.YamlSyntax, "invalid YAML: a tab is used for indentation. Hint: indent with spaces only.");
            }
            else
            {
                diagnostics.Error(ex.Start, string.Empty, ConfigDiagnosticCodes.YamlSyntax, "invalid YAML: " + ex.Message);
            }

            return null;
        }

        ReportDuplicates(guard, diagnostics);
        YamlNode? root = null;
        for (var i = 0; i < stream.Documents.Count; i++)
        {
            var doc = stream.Documents[i].RootNode;
            if (IsEmpty(doc))
            {
                // A stray '---' at the end of a file is common and harmless.
                continue;
            }

            if (root is null)
            {
                root = doc;
                continue;
            }

            var at = i < guard.DocumentStarts.Count ? guard.DocumentStarts[i] : doc.Start;
            diagnostics.Error(
                at,
                string.Empty,
                ConfigDiagnosticCodes.MultipleDocuments,
                string.Create(CultureInfo.InvariantCulture, $"a second YAML document starts here, but scanner.yaml holds exactly one (the first starts at line {root.Start.Line}). Hint: merge the documents or remove the '---' separator."));
        }

        if (root is null)
        {
            diagnostics.Error(
                new Mark(0, 1, 1),
                string.Empty,
                ConfigDiagnosticCodes.EmptyFile,
                $"the file holds no YAML document. Hint: a scanner.yaml starts with 'apiVersion: {Core.Layers.ScannerConfig.ApiVersionV1}' and 'kind: {Core.Layers.ScannerConfig.KindName}'.");
        }

        return root;
    }

    internal static bool IsEmpty(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s && NodeText.IsNullText(s.Value);

    private static Mark? FirstTabIndent(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indent)
            {
                return new Mark(0, i + 1, tab + 1);
            }
        }

        return null;
    }

    private static void ReportDuplicates(GuardedParser guard, DiagnosticBag diagnostics)
    {
        foreach (var d in guard.Duplicates)
        {
            diagnostics.Error(
                d.At,
                d.Path,
                ConfigDiagnosticCodes.DuplicateKey,
                string.Create(CultureInfo.InvariantCulture, $"duplicate key {NodeText.Quote(d.Key)}: it is already set at line {d.First.Line}, column {d.First.Column}. Hint: keep one of the two."));
        }
    }
}
