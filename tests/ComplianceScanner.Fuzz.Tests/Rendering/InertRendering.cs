using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using ComplianceScanner.Core.Reporting;
using ComplianceScanner.Fuzz.Tests.Harness;
using ComplianceScanner.Output;
using ComplianceScanner.Rendering;
using ComplianceScanner.TestSupport;
using Spectre.Console;

namespace ComplianceScanner.Fuzz.Tests.Rendering;

/// <summary>
/// What "rendered inertly" means, format by format, for a report whose cluster strings are hostile:
/// <list type="bullet">
/// <item>HTML: parsed with a real HTML5 parser, the document has exactly the elements, attributes and scripts the
/// template itself makes (compared with a report of harmless names), no link with a javascript: URL, and the finding
/// messages come back as text;</item>
/// <item>Markdown: no control character, every table row has as many cell separators as its header, no unescaped
/// <c>&lt;</c>, and no link or image made of data;</item>
/// <item>JUnit: well-formed XML that gives back every open finding's message; SARIF and JSON: valid JSON that gives back
/// every finding message exactly;</item>
/// <item>terminal: no control character but newlines, and with ANSI on, no escape sequence but Spectre's own colours.</item>
/// </list>
/// </summary>
internal static partial class InertRendering
{
    private static readonly Lazy<TemplateSet> LazyTemplates = new(() => TemplateSet.FromDirectory(RepoPaths.At("templates")));

    /// <summary>The HTML report of the demo cluster with harmless names in every slot.</summary>
    public static string BaselineHtml => LazyBaselineHtml.Value;

    private static readonly Lazy<string> LazyBaselineHtml = new(() =>
        Render("html", HostileCluster.Scan([.. Enumerable.Range(0, HostileCluster.Slots).Select(i => "harmless-" + i)])));

    private static readonly Lazy<HtmlShape> LazyBaseline = new(() => HtmlShape.Of(BaselineHtml));

    public static string Render(string format, ScanReport report) =>
        ReportFormats.Find(format)!.Render(report, LazyTemplates.Value);

    /// <summary>Checks every format; returns how many of the payloads reached a finding message or an object name.</summary>
    public static int Check(IReadOnlyList<string> payloads)
    {
        var report = HostileCluster.Scan(payloads);
        var reached = payloads.Distinct().Count(p => report.Findings.Any(f => f.Message.Contains(p, StringComparison.Ordinal) || f.Object?.Name == p || f.Subject?.Contains(p, StringComparison.Ordinal) == true));
        var messages = report.Findings.Select(f => f.Message).ToList();
        Html(Render("html", report), messages);
        Markdown(Render("markdown", report));
        JUnit(Render("junit", report), [.. report.Findings.Where(f => f.State == "open").Select(f => f.Message)]);
        Sarif(Render("sarif", report), messages);
        Json(Render("json", report), messages);
        Terminal(report);
        return reached;
    }

    internal static void Html(string html, List<string> messages)
    {
        var shape = HtmlShape.Of(html);
        var baseline = LazyBaseline.Value;
        Require(shape.Scripts == baseline.Scripts, $"HTML has {shape.Scripts} script elements; the template makes {baseline.Scripts}");
        Require(shape.Tags.IsSubsetOf(baseline.Tags), $"HTML has elements the template does not make: {string.Join(", ", shape.Tags.Except(baseline.Tags))}");
        Require(shape.Attributes.IsSubsetOf(baseline.Attributes), $"HTML has attributes the template does not make: {string.Join(", ", shape.Attributes.Except(baseline.Attributes))}");
        Require(shape.UnsafeUrls.Count == 0, $"HTML links to {string.Join(", ", shape.UnsafeUrls)}");
        Require(shape.Csp == baseline.Csp, "the Content-Security-Policy changed");
        foreach (var message in messages)
        {
            // The escaper replaces characters XML forbids, and HTML parsers turn CR into LF; the rest must come back as text.
            var expected = Normalize(XmlSafe(message));
            Require(shape.Text.Contains(expected, StringComparison.Ordinal), $"HTML text lacks the finding message {Show(expected)}");
        }
    }

    internal static void Markdown(string md)
    {
        Require(!md.Any(c => char.IsControl(c) && c != '\n'), "Markdown has a control character");
        var header = -1;
        foreach (var line in md.Split('\n'))
        {
            var unescaped = Unescaped(line);
            Require(!unescaped.Contains('<', StringComparison.Ordinal) || line.StartsWith("<sub>", StringComparison.Ordinal), $"Markdown line has an unescaped '<': {Show(line)}");
            Require(!LinkOrImage().IsMatch(unescaped) || line.Contains("](docs/", StringComparison.Ordinal) || line.Contains("](#", StringComparison.Ordinal), $"Markdown line has a link made of data: {Show(line)}");
            if (!line.StartsWith('|'))
            {
                header = -1;
                continue;
            }

            var pipes = unescaped.Count(c => c == '|');
            if (header < 0)
            {
                header = pipes;
            }

            Require(pipes == header, $"Markdown table row has {pipes} cell separators, its header {header}: {Show(line)}");
        }
    }

    private static void JUnit(string xml, List<string> messages)
    {
        var doc = XDocument.Parse(xml);
        var texts = Normalize(string.Join("\n", doc.Descendants().SelectMany(e => e.Attributes().Select(a => a.Value).Append(e.Nodes().OfType<XText>().Select(t => t.Value).FirstOrDefault() ?? string.Empty))));
        foreach (var message in messages)
        {
            Require(texts.Contains(Normalize(XmlSafe(message)), StringComparison.Ordinal), $"JUnit lacks the finding message {Show(message)}");
        }
    }

    private static void Sarif(string sarif, List<string> messages)
    {
        using var doc = JsonDocument.Parse(sarif);
        var texts = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Select(r => r.GetProperty("message").GetProperty("text").GetString()).ToHashSet(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            Require(texts.Contains(message), $"SARIF lacks the finding message {Show(message)}");
        }
    }

    private static void Json(string json, List<string> messages)
    {
        using var doc = JsonDocument.Parse(json);
        var texts = doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("message").GetString()).ToList();
        Require(texts.SequenceEqual(messages), "the JSON report does not give back the finding messages");
    }

    /// <summary>Fails when terminal text has a control character, or with ANSI on, an escape sequence other than a colour.</summary>
    internal static void TerminalOutput(string text, bool ansi)
    {
        var rest = ansi ? SgrSequence().Replace(text, string.Empty) : text;
        Require(!rest.Any(c => (char.IsControl(c) && c != '\n') || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069'), $"terminal output (ANSI {(ansi ? "on" : "off")}) has a control character: {Show(rest)}");
    }

    private static void Terminal(ScanReport report)
    {
        foreach (var ansi in new[] { false, true })
        {
            var writer = new StringWriter();
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(writer),
                Ansi = ansi ? AnsiSupport.Yes : AnsiSupport.No,
                ColorSystem = ansi ? ColorSystemSupport.TrueColor : ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
            console.Profile.Width = 200;
            TerminalSummary.Write(console, report, ["out/report.html"]);
            TerminalOutput(writer.ToString(), ansi);
        }
    }

    /// <summary>The line with backslash-escaped characters removed, so that what is left is what Markdown acts on.</summary>
    private static string Unescaped(string line)
    {
        var sb = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length)
            {
                i++;
                continue;
            }

            // Code spans are literal in Markdown; the templates put rule ids and counts in them.
            sb.Append(line[i]);
        }

        return sb.ToString();
    }

    /// <summary>The text with the characters XML forbids (which the HTML escaper replaces) as U+FFFD.</summary>
    internal static string XmlSafe(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else
            {
                sb.Append((c < 0x20 && c is not ('\t' or '\n' or '\r')) || c is '\uFFFE' or '\uFFFF' || char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return sb.ToString();
    }

    /// <summary>XML parsers normalise line ends, and attribute values turn whitespace into spaces.</summary>
    private static string Normalize(string text) => Whitespace().Replace(text, " ");

    private static void Require(bool condition, string failure)
    {
        if (!condition)
        {
            throw new FuzzFailureException(failure);
        }
    }

    private static string Show(string text) => JsonSerializer.Serialize(text.Length > 300 ? text[..300] + "..." : text);

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex SgrSequence();

    [GeneratedRegex(@"!?\[[^\]]*\]\(")]
    private static partial Regex LinkOrImage();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>What an HTML document is made of, as a browser's parser sees it.</summary>
    private sealed record HtmlShape(int Scripts, HashSet<string> Tags, HashSet<string> Attributes, List<string> UnsafeUrls, string? Csp, string Text)
    {
        public static HtmlShape Of(string html)
        {
            var doc = new HtmlParser().ParseDocument(html);
            var all = doc.All.ToList();
            var urls = all.SelectMany(e => e.Attributes.Where(a => a.Name is "href" or "src" or "action" or "formaction" or "xlink:href" or "data").Select(a => a.Value))
                .Where(v => !(v.StartsWith('#') || v.StartsWith("docs/", StringComparison.Ordinal) || v.StartsWith("https://", StringComparison.Ordinal)))
                .ToList();
            return new HtmlShape(
                doc.Scripts.Length,
                [.. all.Select(e => e.LocalName)],
                [.. all.SelectMany(e => e.Attributes.Select(a => a.Name))],
                urls,
                doc.QuerySelector("meta[http-equiv=Content-Security-Policy]")?.GetAttribute("content"),
                Normalize(doc.Body?.TextContent ?? string.Empty));
        }
    }
}
