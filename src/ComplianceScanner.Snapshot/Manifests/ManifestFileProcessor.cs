using ComplianceScanner.Core.Model;
using ComplianceScanner.Snapshot.Manifests.Json;
using ComplianceScanner.Snapshot.Manifests.Parsing;
using ComplianceScanner.Snapshot.Mapping;

namespace ComplianceScanner.Snapshot.Manifests;

/// <summary>
/// Turns one file's documents into Core objects: expands Lists, checks apiVersion and kind, drops Secret data, converts
/// legacy Ingresses, hashes every object for the digest, decodes mapped kinds into KubernetesClient models and maps them
/// with <see cref="KubernetesModelMapper"/>. Each problem names file, document, line and field. One instance per thread.
/// </summary>
internal sealed class ManifestFileProcessor : IDocumentSink, IDisposable
{
    private readonly ModelDecoder decoder = new();
    private readonly CanonicalHasher hasher = new();
    private readonly List<FieldProblem> fieldProblems = [];
    private readonly List<MappingProblem> mappingProblems = [];
    private readonly Dictionary<string, int> pendingUnknownKinds = new(StringComparer.Ordinal);
    private string file = string.Empty;
    private FileResult result = new();
    private CancellationToken cancellation;

    // List items are read as they stream in, before the list's own kind may be known; until the document ends they
    // are pending, and are dropped again if the root turns out not to be a List (or the document fails).
    private int pendingDocument = -1;
    private (int Objects, int Errors, int Warnings, int Hashes, int Found) checkpoint;

    public void Dispose()
    {
        decoder.Dispose();
        hasher.Dispose();
    }

    /// <summary>Processes one file: <paramref name="read"/> parses it and feeds this processor as it goes.</summary>
    public FileResult Process(string displayPath, Action<IDocumentSink> read, CancellationToken ct)
    {
        file = displayPath;
        result = new FileResult();
        cancellation = ct;
        pendingDocument = -1;
        pendingUnknownKinds.Clear();
        read(this);
        return result;
    }

    public bool ListItem(int documentIndex, Node item, int itemIndex, string? listApiVersion, string? listKind)
    {
        var kindKnown = listKind is not null;
        if (item is not MappingNode mapping || (kindKnown && !listKind!.EndsWith("List", StringComparison.Ordinal)))
        {
            return false;
        }

        // Items of a typed list (RoleList) may leave out apiVersion and kind; they are the list's own, less "List".
        var typedList = kindKnown && listKind != "List";
        var inheritedKind = typedList ? listKind![..^4] : null;
        var inheritedApiVersion = typedList ? listApiVersion : null;
        if ((mapping.Get("kind") is null && inheritedKind is null) || (mapping.Get("apiVersion") is null && inheritedApiVersion is null))
        {
            // What the item lacks is not known yet: it is read with the whole document.
            return false;
        }

        if (pendingDocument != documentIndex)
        {
            pendingDocument = documentIndex;
            checkpoint = (result.Objects.Count, result.Errors.Count, result.Warnings.Count, result.Hashes.Count, result.ObjectsFound);
            pendingUnknownKinds.Clear();
        }

        cancellation.ThrowIfCancellationRequested();
        ReadObject(mapping, documentIndex, $"items[{itemIndex}]: ", inheritedApiVersion, inheritedKind);
        return true;
    }

    public void Document(ParsedDocument doc)
    {
        cancellation.ThrowIfCancellationRequested();
        if (pendingDocument == doc.Index)
        {
            SettlePendingItems(keep: doc.Error is null && doc.Root is MappingNode root && IsList(root));
        }

        foreach (var (line, message) in doc.Warnings)
        {
            result.Warnings.Add(new ManifestWarning(file, doc.Index, line, message));
        }

        if (doc.Error is not null)
        {
            Error(doc.Index, doc.ErrorLine, doc.Error, kind: null);
            return;
        }

        // Empty and null documents are skipped, as kubectl skips them.
        if (doc.Root is null || doc.Root.IsNull)
        {
            return;
        }

        result.Documents++;
        if (doc.Root is not MappingNode mapping)
        {
            Error(doc.Index, doc.Root.Line, $"the document is {doc.Root.Describe()}, not a Kubernetes object (a mapping with apiVersion and kind)", kind: null);
            return;
        }

        ReadObject(mapping, doc.Index, prefix: string.Empty, listApiVersion: null, listItemKind: null);
    }

    private static bool IsList(MappingNode root) =>
        root.Get("kind") is ScalarNode { Kind: ScalarKind.String } kind
        && kind.Text.EndsWith("List", StringComparison.Ordinal)
        && root.Get("items") is SequenceNode;

    private void SettlePendingItems(bool keep)
    {
        pendingDocument = -1;
        if (keep)
        {
            foreach (var (key, count) in pendingUnknownKinds)
            {
                result.UnknownKinds[key] = result.UnknownKinds.GetValueOrDefault(key) + count;
            }
        }
        else
        {
            result.Objects.RemoveRange(checkpoint.Objects, result.Objects.Count - checkpoint.Objects);
            result.Errors.RemoveRange(checkpoint.Errors, result.Errors.Count - checkpoint.Errors);
            result.Warnings.RemoveRange(checkpoint.Warnings, result.Warnings.Count - checkpoint.Warnings);
            result.Hashes.RemoveRange(checkpoint.Hashes, result.Hashes.Count - checkpoint.Hashes);
            result.ObjectsFound = checkpoint.Found;
        }

        pendingUnknownKinds.Clear();
    }

    private void ReadObject(MappingNode obj, int doc, string prefix, string? listApiVersion, string? listItemKind)
    {
        var apiVersion = Identifier(obj, "apiVersion", doc, prefix) ?? (obj.Get("apiVersion") is null ? listApiVersion : null);
        var kind = Identifier(obj, "kind", doc, prefix) ?? (obj.Get("kind") is null ? listItemKind : null);
        if (apiVersion is null || kind is null)
        {
            var missing = (apiVersion, kind) switch
            {
                (null, null) => "apiVersion and kind",
                (null, _) => "apiVersion",
                _ => "kind",
            };
            if (!HasTypeError(obj))
            {
                Error(doc, obj.Line, $"{prefix}{missing} missing: not a Kubernetes object", kind);
            }

            return;
        }

        // `kubectl get -o yaml` output (kind: List) and typed lists (RoleList...) hold their objects in items.
        if (kind.EndsWith("List", StringComparison.Ordinal) && obj.Get("items") is { } items && items is SequenceNode or ScalarNode { Kind: ScalarKind.Null })
        {
            ReadListItems(items, doc, prefix, apiVersion, kind);
            return;
        }

        result.ObjectsFound++;
        var known = KindTable.Find(apiVersion, kind);
        var node = known is { IsSecret: true } ? TreeEdits.WithoutSecretData(obj) : obj;
        result.Hashes.Add(hasher.Hash(node));
        if (known is null)
        {
            var key = apiVersion + "/" + kind;
            var counts = pendingDocument >= 0 ? pendingUnknownKinds : result.UnknownKinds;
            counts[key] = counts.GetValueOrDefault(key) + 1;
            return;
        }

        if (known.LegacyIngress)
        {
            node = TreeEdits.LegacyIngressToV1(node);
        }

        Decode(node, known, kind, doc, prefix);
    }

    private void ReadListItems(Node items, int doc, string prefix, string apiVersion, string kind)
    {
        if (items is not SequenceNode list)
        {
            return;
        }

        // Items of a typed list (RoleList) may omit apiVersion and kind: they are the list's own, less "List".
        var itemKind = kind == "List" ? null : kind[..^4];
        var itemApiVersion = kind == "List" ? null : apiVersion;
        for (var i = 0; i < list.Items.Count; i++)
        {
            var item = list.Items[i];
            var itemPrefix = $"{prefix}items[{i}]: ";
            if (item is MappingNode mapping)
            {
                ReadObject(mapping, doc, itemPrefix, itemApiVersion, itemKind);
            }
            else if (!item.IsNull)
            {
                Error(doc, item.Line, $"{itemPrefix}a list item is {item.Describe()}, not a Kubernetes object", kind: null);
            }
        }
    }

    private void Decode(MappingNode node, KnownKind known, string kind, int doc, string prefix)
    {
        var what = $"{prefix}{kind} {DisplayName(node)}: ";
        fieldProblems.Clear();
        var model = decoder.Decode(node, known.ModelType, fieldProblems);
        foreach (var problem in fieldProblems)
        {
            if (problem.IsError)
            {
                Error(doc, problem.Line, what + problem.Message, kind);
            }
            else
            {
                result.Warnings.Add(new ManifestWarning(file, doc, problem.Line, what + problem.Message));
            }
        }

        if (model is null)
        {
            return;
        }

        mappingProblems.Clear();
        var mapped = KubernetesModelMapper.Map(model, new SourceLocation(file, doc, node.Line), mappingProblems);
        foreach (var problem in mappingProblems)
        {
            var line = FieldPath.Locate(node, problem.Path).Line;
            if (problem.IsError)
            {
                Error(doc, line, what + problem.Message, kind);
            }
            else
            {
                result.Warnings.Add(new ManifestWarning(file, doc, line, what + problem.Message));
            }
        }

        if (mapped is not null)
        {
            result.Objects.Add(mapped);
        }
    }

    /// <summary>A string field such as apiVersion; a non-string or empty value is an error (returns null).</summary>
    private string? Identifier(MappingNode obj, string field, int doc, string prefix)
    {
        switch (obj.Get(field))
        {
            case null:
                return null;
            case ScalarNode { Kind: ScalarKind.String } s when s.Text.Length > 0:
                return s.Text;
            case var other:
                Error(doc, other.Line, $"{prefix}{field} must be a non-empty string, found {(other is ScalarNode { Kind: ScalarKind.String } ? "an empty string" : other.Describe())}", kind: null);
                return null;
        }
    }

    private static bool HasTypeError(MappingNode obj) =>
        obj.Get("apiVersion") is { } a && a is not ScalarNode { Kind: ScalarKind.String, Text.Length: > 0 }
        || obj.Get("kind") is { } k && k is not ScalarNode { Kind: ScalarKind.String, Text.Length: > 0 };

    private static string DisplayName(MappingNode node)
    {
        var meta = node.Get("metadata") as MappingNode;
        var name = (meta?.Get("name") as ScalarNode)?.Text;
        var ns = (meta?.Get("namespace") as ScalarNode)?.Text;
        return string.IsNullOrEmpty(name) ? "(unnamed)" : string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";
    }

    private void Error(int doc, int line, string message, string? kind) =>
        result.Errors.Add((new ManifestError(file, doc, line, message), kind));
}
