using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ComplianceScanner.Output;

/// <summary>
/// Writes JSON trees as a multi-document YAML stream, as kubectl apply reads it: keys in the tree's order, strings plain
/// only where YAML cannot read them as anything else, long expressions as literal blocks so CEL stays readable.
/// </summary>
internal static partial class KubernetesYamlWriter
{
    public static void Write(TextWriter writer, IEnumerable<JsonObject> objects, string? header = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(objects);
        if (header is not null)
        {
            foreach (var line in header.Split('\n'))
            {
                writer.WriteLine("# " + line);
            }
        }

        var emitter = new Emitter(writer, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024, indentSequences: false));
        emitter.Emit(new StreamStart());
        foreach (var obj in objects)
        {
            emitter.Emit(new DocumentStart(null, null, isImplicit: false));
            Node(emitter, obj);
            emitter.Emit(new DocumentEnd(isImplicit: true));
        }

        emitter.Emit(new StreamEnd());
    }

    private static void Node(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                emitter.Emit(new MappingStart());
                foreach (var (key, value) in o)
                {
                    Text(emitter, key);
                    Node(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray a:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
                foreach (var item in a)
                {
                    Node(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                Text(emitter, v.GetValue<string>());
                break;
            case JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                emitter.Emit(new Scalar(v.GetValue<bool>() ? "true" : "false"));
                break;
            case JsonValue v:
                emitter.Emit(new Scalar(v.ToJsonString()));
                break;
            default:
                emitter.Emit(new Scalar("null"));
                break;
        }
    }

    private static void Text(IEmitter emitter, string text)
    {
        ScalarStyle style;
        if (PlainSafe().IsMatch(text) && !Reserved.Contains(text.ToLowerInvariant()) && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            style = ScalarStyle.Plain;
        }
        else if ((text.Length > 100 || text.Contains('\'', StringComparison.Ordinal) || text.Contains('\\', StringComparison.Ordinal))
            && !text.Contains('\n', StringComparison.Ordinal) && text.Trim() == text)
        {
            style = ScalarStyle.Literal;
        }
        else
        {
            style = ScalarStyle.DoubleQuoted;
        }

        emitter.Emit(new Scalar(null, null, text, style, isPlainImplicit: style == ScalarStyle.Plain, isQuotedImplicit: style != ScalarStyle.Plain));
    }

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    };

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._/:-]*$")]
    private static partial Regex PlainSafe();
}
