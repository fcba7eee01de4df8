using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ComplianceScanner.Configuration.Yaml;

/// <summary>
/// Sits between YamlDotNet's parser and its representation model and makes loading safe and informative:
/// <list type="bullet">
/// <item>nesting is bounded, because the representation model recurses once per level and a deep document would overflow the stack;</item>
/// <item>the size of the document with every alias expanded is bounded, because the binder walks aliased nodes once per alias (alias bombs);</item>
/// <item>an alias inside the node it names is rejected, because the representation model would build a cycle;</item>
/// <item>a duplicate key is recorded and its value dropped, so that one duplicate does not hide every other problem in the file
/// (the representation model throws on the first one).</item>
/// </list>
/// A fatal problem throws a <see cref="YamlException"/> at its position with <see cref="FailureCode"/> and <see cref="FailurePath"/> set.
/// </summary>
internal sealed class GuardedParser(Scanner scanner) : IParser
{
    /// <summary>A scanner.yaml is about 7 levels deep; 64 leaves ample room and keeps the recursion shallow.</summary>
    public const int MaxDepth = 64;

    /// <summary>A large real config has a few thousand nodes.</summary>
    public const int MaxNodes = 100_000;

    /// <summary>Paths in messages stop here: beyond it they only show that a document is absurdly deep.</summary>
    private const int MaxPathDepth = 8;

    private readonly Parser inner = new(scanner);
    private readonly List<YamlFrame> stack = [];
    private readonly Dictionary<string, long> anchors = new(StringComparer.Ordinal);
    private long total;

    public List<DuplicateYamlKey> Duplicates { get; } = [];

    /// <summary>Where each document starts, in order: the representation model does not keep it.</summary>
    public List<Mark> DocumentStarts { get; } = [];

    public string? FailureCode { get; private set; }

    public string FailurePath { get; private set; } = string.Empty;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        while (Advance())
        {
            var ev = inner.Current!;
            if (ev is Scalar key && stack.Count > 0 && stack[^1] is { IsMapping: true, ExpectKey: true } mapping
                && mapping.Keys.TryGetValue(key.Value, out var first))
            {
                Duplicates.Add(new DuplicateYamlKey(key.Value, Join(PathOf(), key.Value), key.Start, first));
                SkipNode();
                continue;
            }

            Observe(ev);
            return true;
        }

        return false;
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private bool Advance()
    {
        try
        {
            return inner.MoveNext();
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some unterminated flow collections instead of raising a YamlException.
            var at = scanner.CurrentPosition;
            Fail(at, ConfigDiagnosticCodes.YamlSyntax, "the YAML parser cannot continue here; look for an unclosed '[', '{' or quote before this point.");
            return false;
        }
        catch (ArgumentException)
        {
            // ... and this way on a surrogate escape followed by another escape ("\uDC00\uDC00") in a double-quoted string.
            var at = scanner.CurrentPosition;
            Fail(at, ConfigDiagnosticCodes.YamlSyntax, "a double-quoted string has an escape sequence that is not a valid character (a lone surrogate or a code point beyond U+10FFFF).");
            return false;
        }
    }

    /// <summary>Consumes the value that follows a duplicate key without handing it to the representation model.</summary>
    private void SkipNode()
    {
        if (!Advance())
        {
            return;
        }

        var depth = inner.Current is MappingStart or SequenceStart ? 1 : 0;
        while (depth > 0 && Advance())
        {
            depth += inner.Current switch
            {
                MappingStart or SequenceStart => 1,
                MappingEnd or SequenceEnd => -1,
                _ => 0,
            };

            // The skipped value is bounded like any other: YamlDotNet's scanner does work per token that grows with
            // the flow depth, so a duplicate key followed by a deep "[[[[..." would otherwise take minutes.
            if (stack.Count + depth > MaxDepth)
            {
                Fail(inner.Current!.Start, ConfigDiagnosticCodes.YamlTooDeep, $"the document nests deeper than {MaxDepth} levels; a scanner.yaml needs about 7.");
            }
        }
    }

    private void Observe(ParsingEvent ev)
    {
        switch (ev)
        {
            case DocumentStart:
                anchors.Clear();
                DocumentStarts.Add(ev.Start);
                break;
            case MappingStart or SequenceStart:
                if (stack.Count >= MaxDepth)
                {
                    Fail(ev.Start, ConfigDiagnosticCodes.YamlTooDeep, $"the document nests deeper than {MaxDepth} levels; a scanner.yaml needs about 7.");
                }

                Count(ev.Start, 1);
                NoteKey(null);
                var node = (NodeEvent)ev;
                stack.Add(new YamlFrame(ev is MappingStart, node.Anchor.IsEmpty ? null : node.Anchor.Value));
                break;
            case MappingEnd or SequenceEnd:
                var done = stack[^1];
                if (done is { IsMapping: true, ExpectKey: false })
                {
                    // YamlDotNet's parser can end a mapping right after a key (": a: b" on one line) and only then report
                    // the syntax error; the representation model would fail on the missing value with an ArgumentException.
                    Fail(ev.Start, ConfigDiagnosticCodes.YamlSyntax, "a mapping key has no value; look for a line starting with ':' or a second ': ' on one line before this point.");
                }

                stack.RemoveAt(stack.Count - 1);
                if (done.Anchor is not null)
                {
                    anchors[done.Anchor] = done.Size;
                }

                Completed(done.Size);
                break;
            case Scalar scalar:
                Count(ev.Start, 1);
                NoteKey(scalar);
                if (!scalar.Anchor.IsEmpty)
                {
                    anchors[scalar.Anchor.Value] = 1;
                }

                Completed(1);
                break;
            case AnchorAlias alias:
                var name = alias.Value.Value;
                if (stack.Exists(f => string.Equals(f.Anchor, name, StringComparison.Ordinal)))
                {
                    Fail(ev.Start, ConfigDiagnosticCodes.YamlRecursiveAlias, $"alias *{name} refers to a node that contains it; recursive structures are not allowed.");
                }

                if (!anchors.TryGetValue(name, out var size))
                {
                    Fail(ev.Start, ConfigDiagnosticCodes.YamlSyntax, $"alias *{name} refers to an anchor &{name} that is not defined before it.");
                }

                Count(ev.Start, size);
                NoteKey(null);
                Completed(size);
                break;
        }
    }

    private void Count(Mark at, long nodes)
    {
        total += nodes;
        if (total > MaxNodes)
        {
            Fail(at, ConfigDiagnosticCodes.YamlTooLarge, $"the document expands to more than {MaxNodes} nodes once aliases are resolved (an alias bomb?); write the config without repeated aliases.");
        }
    }

    /// <summary>Remembers the key a mapping is at, for duplicate detection and field paths (null for a non-scalar key).</summary>
    private void NoteKey(Scalar? key)
    {
        if (stack.Count > 0 && stack[^1] is { IsMapping: true, ExpectKey: true } mapping)
        {
            mapping.CurrentKey = key?.Value;
            if (key is not null)
            {
                mapping.Keys[key.Value] = key.Start;
            }
        }
    }

    private void Completed(long size)
    {
        if (stack.Count == 0)
        {
            return;
        }

        var parent = stack[^1];
        parent.Size += size;
        if (parent.IsMapping)
        {
            parent.ExpectKey = !parent.ExpectKey;
        }
        else
        {
            parent.Index++;
        }
    }

    private string PathOf()
    {
        var sb = new StringBuilder();
        foreach (var f in stack.Take(MaxPathDepth))
        {
            if (!f.IsMapping)
            {
                sb.Append('[').Append(f.Index).Append(']');
            }
            else if (!f.ExpectKey && f.CurrentKey is not null)
            {
                if (sb.Length > 0)
                {
                    sb.Append('.');
                }

                sb.Append(f.CurrentKey);
            }
        }

        return stack.Count > MaxPathDepth ? sb.Append("...").ToString() : sb.ToString();
    }

    private void Fail(Mark at, string code, string message)
    {
        FailureCode = code;
        FailurePath = PathOf();
        throw new YamlException(at, at, message);
    }
}
