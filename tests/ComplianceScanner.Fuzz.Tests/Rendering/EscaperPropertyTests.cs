using AngleSharp.Html.Parser;
using ComplianceScanner.Fuzz.Tests.Generation;
using ComplianceScanner.Fuzz.Tests.Harness;
using ComplianceScanner.Output;
using ComplianceScanner.Rendering.Templates;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace ComplianceScanner.Fuzz.Tests.Rendering;

/// <summary>Properties of the three escapers every report and terminal line relies on, over generated hostile strings.</summary>
public sealed class EscaperPropertyTests
{
    private static readonly Gen<string> Strings = Gen.Frequency((3, HostilePayloads.Any), (1, HostileText.Mixed), (1, Gen.Elements(HostileText.Pieces)));

    [Fact]
    public void Html_escaped_text_parses_back_to_the_same_text_and_makes_no_element()
    {
        var parser = new HtmlParser();
        Run(s =>
        {
            var escaped = HtmlEscaper.Escape(s);
            var doc = parser.ParseDocument("<!DOCTYPE html><html><body><p title=\"" + escaped + "\">" + escaped + "</p></body></html>");
            var p = doc.QuerySelector("p");
            var expected = Expected(s);
            Assert.Equal(4, doc.All.Length);
            Assert.Equal(expected, p!.TextContent);
            Assert.Equal(expected, p.GetAttribute("title"));
        });
    }

    [Fact]
    public void Markdown_escaped_text_has_no_unescaped_markdown_syntax_and_no_control_characters()
    {
        Run(s =>
        {
            var escaped = MarkdownEscaper.Escape(s);
            Assert.DoesNotContain(escaped, c => char.IsControl(c) || c is '\u202E' or '\u2066');
            for (var i = 0; i < escaped.Length; i++)
            {
                if (escaped[i] == '\\')
                {
                    i++;
                    continue;
                }

                Assert.DoesNotContain(escaped[i], "`*_{}[]<>|~&\\");
            }
        });
    }

    [Fact]
    public void Terminal_text_has_no_control_or_bidi_characters_and_leaves_other_text_alone()
    {
        Run(s =>
        {
            var safe = TerminalText.Sanitize(s);
            Assert.DoesNotContain(safe, c => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069');
            if (!s.Any(c => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069'))
            {
                Assert.Equal(s, safe);
            }
        });
    }

    /// <summary>What the HTML parser gives back: characters XML forbids become U+FFFD, and CR line ends become LF.</summary>
    private static string Expected(string s) => InertRendering.XmlSafe(s).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static void Run(Action<string> property)
    {
        var config = Config.QuickThrowOnFailure.WithMaxTest(FuzzRunner.Count(2_000))
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(FuzzRunner.Seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));
        Check.One(config, Prop.ForAll(Arb.From(Strings), property));
    }
}
