using System.Globalization;
using System.Text;
using System.Text.Json;
using ComplianceScanner.Snapshot.Manifests.Parsing;

namespace ComplianceScanner.Fuzz.Tests.Generation;

/// <summary>
/// Writes trees as concatenated JSON values (as <c>kubectl get -o json</c> streams them). Plain scalars become the JSON
/// type the YAML reader gives them, so a tree without YAML-only parts (<see cref="IsJsonSafe"/>) means the same in both.
/// </summary>
internal static class JsonEmitter
{
    /// <summary>Writes the documents, stopping soon after <paramref name="maxChars"/>.</summary>
    public static string Emit(IEnumerable<FNode> documents, int maxChars)
    {
        var sb = new StringBuilder();
        foreach (var doc in documents)
        {
            Write(sb, doc, maxChars);
            sb.Append('\n');
            if (sb.Length > maxChars)
            {
                break;
            }
        }

        return sb.ToString();
    }

    /// <summary>True when the tree has no anchor, alias, tag, raw text, duplicate key or non-finite number.</summary>
    public static bool IsJsonSafe(FNode node) => node switch
    {
        { Anchor: not null } or { Tag: not null } or FAlias => false,
        FScalar { Style: FScalarStyle.Raw } => false,
        FScalar { Style: FScalarStyle.Plain } s => s.Text.Length == 0 || !ScalarResolver.ResolvePlain(1, 1, s.Text).Kind.Equals(ScalarKind.Float) || double.IsFinite(ScalarResolver.ResolvePlain(1, 1, s.Text).FloatValue),
        FScalar => true,
        FSeq q => q.Items.All(IsJsonSafe),
        FMap m => m.Entries.All(e => e.Key is FScalar { Style: not FScalarStyle.Raw }) && m.Entries.Select(e => ((FScalar)e.Key).Text).Distinct(StringComparer.Ordinal).Count() == m.Entries.Length && m.Entries.All(e => IsJsonSafe(e.Value)),
        _ => false,
    };

    private static void Write(StringBuilder sb, FNode node, int maxChars)
    {
        if (sb.Length > maxChars)
        {
            return;
        }

        switch (node)
        {
            case FMap m:
                sb.Append('{');
                for (var i = 0; i < m.Entries.Length; i++)
                {
                    sb.Append(i > 0 ? "," : string.Empty);
                    sb.Append(JsonSerializer.Serialize(m.Entries[i].Key is FScalar k ? k.Text : "?"));
                    sb.Append(':');
                    Write(sb, m.Entries[i].Value, maxChars);
                }

                sb.Append('}');
                break;
            case FSeq s:
                sb.Append('[');
                for (var i = 0; i < s.Items.Length; i++)
                {
                    sb.Append(i > 0 ? "," : string.Empty);
                    Write(sb, s.Items[i], maxChars);
                }

                sb.Append(']');
                break;
            case FScalar { Style: FScalarStyle.Plain } p:
                var resolved = ScalarResolver.ResolvePlain(1, 1, p.Text.Length == 0 ? "~" : p.Text);
                sb.Append(resolved.Kind switch
                {
                    ScalarKind.Null => "null",
                    ScalarKind.Bool => resolved.BoolValue ? "true" : "false",
                    ScalarKind.Int => resolved.IntValue.ToString(CultureInfo.InvariantCulture),
                    ScalarKind.Float when double.IsFinite(resolved.FloatValue) => resolved.FloatValue.ToString("R", CultureInfo.InvariantCulture),
                    _ => JsonSerializer.Serialize(p.Text),
                });
                break;
            case FScalar s:
                sb.Append(JsonSerializer.Serialize(s.Text));
                break;
            case FAlias a:
                sb.Append(JsonSerializer.Serialize("*" + a.Name));
                break;
        }
    }
}
