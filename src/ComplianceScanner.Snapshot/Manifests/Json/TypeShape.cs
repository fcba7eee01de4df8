using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;

namespace ComplianceScanner.Snapshot.Manifests.Json;

/// <summary>
/// The JSON shape of a KubernetesClient model type, read from the same System.Text.Json metadata the deserializer uses,
/// so the YAML-to-JSON step knows where a string is expected (and keeps <c>"true"</c> as written), where a list is
/// expected (and reports <c>verbs: get</c> with its line), and which fields the model does not know.
/// </summary>
internal sealed class TypeShape
{
    private static readonly ConcurrentDictionary<Type, TypeShape> Cache = new();

    private readonly FrozenDictionary<string, Type> properties;
    private readonly Type? elementType;

    private TypeShape(Type type, JsonTypeInfo info)
    {
        Type = type;
        Info = info;
        Kind = Classify(type, info);
        properties = Kind == ShapeKind.Object
            ? info.Properties.ToFrozenDictionary(p => p.Name, p => p.PropertyType, StringComparer.Ordinal)
            : FrozenDictionary<string, Type>.Empty;
        elementType = Kind is ShapeKind.List or ShapeKind.Map ? info.ElementType : null;
    }

    /// <summary>The serializer options of KubernetesClient (converters for dates, IntOrString, quantities).</summary>
    public static JsonSerializerOptions Options { get; } = LoadOptions();

    public Type Type { get; }

    public JsonTypeInfo Info { get; }

    public ShapeKind Kind { get; }

    /// <summary>Element shape of a list, or value shape of a map.</summary>
    public TypeShape Element => For(elementType ?? typeof(object));

    public static TypeShape For(Type type) => Cache.GetOrAdd(type, t => new TypeShape(t, Options.GetTypeInfo(t)));

    public bool TryGetProperty(string name, out TypeShape shape)
    {
        if (properties.TryGetValue(name, out var type))
        {
            shape = For(type);
            return true;
        }

        shape = null!;
        return false;
    }

    private static JsonSerializerOptions LoadOptions()
    {
        JsonSerializerOptions? options = null;
        KubernetesJson.AddJsonOptions(o => options = o);
        return options!;
    }

    private static ShapeKind Classify(Type type, JsonTypeInfo info)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(DateTime) || t == typeof(DateTimeOffset))
        {
            return ShapeKind.Timestamp;
        }

        if (t == typeof(string) || t == typeof(byte[]))
        {
            return ShapeKind.String;
        }

        if (t == typeof(int) || t == typeof(short) || t == typeof(byte))
        {
            return ShapeKind.Int32;
        }

        if (t == typeof(long))
        {
            return ShapeKind.Int64;
        }

        if (t == typeof(double) || t == typeof(float) || t == typeof(decimal))
        {
            return ShapeKind.Float;
        }

        if (t == typeof(bool))
        {
            return ShapeKind.Bool;
        }

        if (t == typeof(IntOrString))
        {
            return ShapeKind.IntOrString;
        }

        if (t == typeof(ResourceQuantity))
        {
            return ShapeKind.Quantity;
        }

        return info.Kind switch
        {
            JsonTypeInfoKind.Object => ShapeKind.Object,
            JsonTypeInfoKind.Enumerable => ShapeKind.List,
            JsonTypeInfoKind.Dictionary => ShapeKind.Map,
            _ => ShapeKind.Any,
        };
    }
}
