using System.Buffers;
using System.Globalization;
using System.Text.Json;
using ComplianceScanner.Snapshot.Manifests.Parsing;

namespace ComplianceScanner.Snapshot.Manifests.Json;

/// <summary>
/// Turns an object's node tree into a KubernetesClient model: writes JSON shaped by the model's own serializer metadata
/// (plain YAML scalars become strings where a string is expected, as sigs.k8s.io/yaml does; null fields are left unset,
/// as Go leaves them), checks every field's type on the way so a wrong type is reported with its path and line, warns
/// about fields the model does not know (the API server drops them too), then deserializes with KubernetesClient's options.
/// One instance per thread: it reuses its buffer.
/// </summary>
internal sealed class ModelDecoder : IDisposable
{
    private const int MaxProblemsPerObject = 20;

    private static readonly string[] TimestampFormats =
    [
        "yyyy'-'MM'-'dd'T'HH':'mm':'ssK",
        "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFK",
        "yyyy'-'MM'-'dd't'HH':'mm':'ssK",
        "yyyy'-'MM'-'dd",
    ];

    private readonly ArrayBufferWriter<byte> buffer = new(16 * 1024);
    private readonly Utf8JsonWriter writer;
    private readonly FieldPath path = new();
    private List<FieldProblem> problems = [];
    private int errors;
    private int warnings;

    public ModelDecoder()
    {
        writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, MaxDepth = ParseLimits.MaxDepth + 16 });
    }

    public void Dispose() => writer.Dispose();

    /// <summary>The model, or null when a field has the wrong type (then <paramref name="sink"/> holds at least one error).</summary>
    public object? Decode(MappingNode root, Type modelType, List<FieldProblem> sink)
    {
        problems = sink;
        errors = 0;
        warnings = 0;
        path.Clear();
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        var shape = TypeShape.For(modelType);
        Write(root, shape);
        writer.Flush();
        if (errors > 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(buffer.WrittenSpan, shape.Info);
        }
        catch (JsonException ex)
        {
            var at = FieldPath.Locate(root, ex.Path);
            var field = string.IsNullOrEmpty(ex.Path) ? "(root)" : ex.Path.TrimStart('$').TrimStart('.');
            var message = ex.Message;
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            sink.Add(new FieldProblem(at.Line, $"{field}: {(cut > 0 ? message[..cut] : message)}", IsError: true));
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or OverflowException or ArgumentException)
        {
            sink.Add(new FieldProblem(root.Line, "invalid value: " + ex.Message, IsError: true));
        }

        return null;
    }

    private void Write(Node node, TypeShape shape)
    {
        switch (shape.Kind)
        {
            case ShapeKind.Object:
                WriteObject(node, shape);
                break;
            case ShapeKind.List:
                WriteList(node, shape);
                break;
            case ShapeKind.Map:
                WriteMap(node, shape);
                break;
            case ShapeKind.Any:
                WriteUntyped(node);
                break;
            default:
                WriteScalar(node, shape);
                break;
        }
    }

    private void WriteObject(Node node, TypeShape shape)
    {
        if (node is not MappingNode mapping)
        {
            Mismatch(node, "a mapping");
            return;
        }

        writer.WriteStartObject();
        foreach (var (key, value) in mapping.Entries)
        {
            if (!shape.TryGetProperty(key, out var property))
            {
                Warn(value, key);
                continue;
            }

            if (value.IsNull)
            {
                continue;
            }

            writer.WritePropertyName(key);
            path.Push(key);
            Write(value, property);
            path.Pop();
        }

        writer.WriteEndObject();
    }

    private void WriteList(Node node, TypeShape shape)
    {
        if (node is not SequenceNode sequence)
        {
            Mismatch(node, "a list");
            return;
        }

        var element = shape.Element;
        writer.WriteStartArray();
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            path.Push(i);
            WriteMember(sequence.Items[i], element);
            path.Pop();
        }

        writer.WriteEndArray();
    }

    private void WriteMap(Node node, TypeShape shape)
    {
        if (node is not MappingNode mapping)
        {
            Mismatch(node, "a mapping");
            return;
        }

        var element = shape.Element;
        writer.WriteStartObject();
        foreach (var (key, value) in mapping.Entries)
        {
            writer.WritePropertyName(key);
            path.Push(key);
            WriteMember(value, element);
            path.Pop();
        }

        writer.WriteEndObject();
    }

    /// <summary>A list item or map value: null becomes the element's zero value where Go would store one (an empty string).</summary>
    private void WriteMember(Node value, TypeShape element)
    {
        if (!value.IsNull)
        {
            Write(value, element);
        }
        else if (element.Kind == ShapeKind.String)
        {
            writer.WriteStringValue(string.Empty);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private void WriteScalar(Node node, TypeShape shape)
    {
        if (node is not ScalarNode s)
        {
            Mismatch(node, Expected(shape.Kind));
            return;
        }

        switch (shape.Kind)
        {
            case ShapeKind.String when s.Kind == ScalarKind.String || s.Coercible:
                writer.WriteStringValue(s.Text);
                return;
            case ShapeKind.Timestamp when s.Kind == ScalarKind.String || s.Coercible:
                WriteTimestamp(s);
                return;
            case ShapeKind.Int32 when s.Kind == ScalarKind.Int && s.IntValue is >= int.MinValue and <= int.MaxValue:
            case ShapeKind.Int64 when s.Kind == ScalarKind.Int:
            case ShapeKind.IntOrString when s.Kind == ScalarKind.Int && s.IntValue is >= int.MinValue and <= int.MaxValue:
                writer.WriteNumberValue(s.IntValue);
                return;
            case ShapeKind.Float when s.Kind == ScalarKind.Int:
                writer.WriteNumberValue(s.IntValue);
                return;
            case ShapeKind.Float when s.Kind == ScalarKind.Float && double.IsFinite(s.FloatValue):
                writer.WriteNumberValue(s.FloatValue);
                return;
            case ShapeKind.Bool when s.Kind == ScalarKind.Bool:
                writer.WriteBooleanValue(s.BoolValue);
                return;
            case ShapeKind.IntOrString when s.Kind == ScalarKind.String:
                writer.WriteStringValue(s.Text);
                return;
            case ShapeKind.Quantity when s.Kind is ScalarKind.String or ScalarKind.Int or ScalarKind.Float:
                // Quantities are strings on the wire; a plain number (cpu: 0.5) is the same quantity.
                writer.WriteStringValue(s.Text);
                return;
            case ShapeKind.Int32 or ShapeKind.IntOrString when s.Kind == ScalarKind.Int:
                Error(s, $"{s.Text} is out of range for a 32-bit integer");
                return;
            default:
                Mismatch(s, Expected(shape.Kind));
                return;
        }
    }

    private void WriteTimestamp(ScalarNode s)
    {
        if (!DateTimeOffset.TryParseExact(s.Text, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            && !TryParseNanos(s.Text, out time))
        {
            Error(s, $"\"{s.Text}\" is not an RFC 3339 timestamp");
            return;
        }

        // Normalized so KubernetesClient's converter takes its exact-format path.
        var utc = time.ToUniversalTime();
        writer.WriteStringValue(utc.Ticks % TimeSpan.TicksPerSecond == 0
            ? utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.ffffff'Z'", CultureInfo.InvariantCulture));
    }

    /// <summary>RFC 3339 with more than 7 fractional digits (Go writes nanoseconds): cut to what .NET can hold.</summary>
    private static bool TryParseNanos(string text, out DateTimeOffset time)
    {
        time = default;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return false;
        }

        var end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        if (end - dot - 1 <= 7)
        {
            return false;
        }

        var cut = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
        return DateTimeOffset.TryParseExact(cut, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }

    private void WriteUntyped(Node node)
    {
        switch (node)
        {
            case MappingNode m:
                writer.WriteStartObject();
                foreach (var (key, value) in m.Entries)
                {
                    writer.WritePropertyName(key);
                    WriteUntyped(value);
                }

                writer.WriteEndObject();
                break;
            case SequenceNode q:
                writer.WriteStartArray();
                foreach (var item in q.Items)
                {
                    WriteUntyped(item);
                }

                writer.WriteEndArray();
                break;
            case ScalarNode s:
                WriteResolved(writer, s);
                break;
        }
    }

    /// <summary>A scalar as its resolved JSON value; non-finite floats, which JSON cannot hold, as their text.</summary>
    public static void WriteResolved(Utf8JsonWriter writer, ScalarNode s)
    {
        switch (s.Kind)
        {
            case ScalarKind.Null:
                writer.WriteNullValue();
                break;
            case ScalarKind.Bool:
                writer.WriteBooleanValue(s.BoolValue);
                break;
            case ScalarKind.Int:
                writer.WriteNumberValue(s.IntValue);
                break;
            case ScalarKind.Float when double.IsFinite(s.FloatValue):
                writer.WriteNumberValue(s.FloatValue);
                break;
            default:
                writer.WriteStringValue(s.Text);
                break;
        }
    }

    private static string Expected(ShapeKind kind) => kind switch
    {
        ShapeKind.String => "a string",
        ShapeKind.Timestamp => "a timestamp string",
        ShapeKind.Int32 or ShapeKind.Int64 => "an integer",
        ShapeKind.Float => "a number",
        ShapeKind.Bool => "a boolean (true or false)",
        ShapeKind.IntOrString => "an integer or a string",
        ShapeKind.Quantity => "a quantity (string or number)",
        _ => "a value",
    };

    private void Mismatch(Node node, string expected) => Error(node, $"expected {expected}, found {node.Describe()}");

    private void Error(Node node, string message)
    {
        // The JSON is discarded once an error is recorded; write a placeholder so the writer stays balanced.
        writer.WriteNullValue();
        errors++;
        if (errors <= MaxProblemsPerObject)
        {
            problems.Add(new FieldProblem(node.Line, $"{path}: {message}", IsError: true));
        }
    }

    private void Warn(Node node, string key)
    {
        warnings++;
        if (warnings <= MaxProblemsPerObject)
        {
            problems.Add(new FieldProblem(node.Line, $"unknown field {path.Child(key)} is ignored (the API server drops it too)", IsError: false));
        }
    }
}
