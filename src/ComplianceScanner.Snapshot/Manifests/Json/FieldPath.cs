using System.Globalization;
using System.Text;
using ComplianceScanner.Snapshot.Manifests.Parsing;

namespace ComplianceScanner.Snapshot.Manifests.Json;

/// <summary>
/// A field path such as <c>spec.rules[0].http.paths[1].backend</c>, kept as a stack while walking a tree (rendered only
/// when a message needs it), and resolved back to a node to find the line of a problem reported by path.
/// </summary>
internal sealed class FieldPath
{
    private readonly List<(string? Name, int Index)> segments = [];

    public void Push(string name) => segments.Add((name, -1));

    public void Push(int index) => segments.Add((null, index));

    public void Pop() => segments.RemoveAt(segments.Count - 1);

    public void Clear() => segments.Clear();

    public override string ToString()
    {
        var text = Render().ToString();
        return text.Length == 0 ? "(root)" : text;
    }

    /// <summary>The path of a field below the current position.</summary>
    public string Child(string name)
    {
        var sb = Render();
        AppendName(sb, name);
        return sb.ToString();
    }

    private StringBuilder Render()
    {
        var sb = new StringBuilder();
        foreach (var (name, index) in segments)
        {
            if (name is null)
            {
                sb.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                AppendName(sb, name);
            }
        }

        return sb;
    }

    /// <summary>Appends a field name: <c>.name</c>, or <c>["odd/key.name"]</c> when it is not a plain identifier.</summary>
    public static void AppendName(StringBuilder sb, string name)
    {
        var plain = name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        if (plain)
        {
            if (sb.Length > 0)
            {
                sb.Append('.');
            }

            sb.Append(name);
        }
        else
        {
            sb.Append("[\"").Append(name.Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"]");
        }
    }

    /// <summary>
    /// The deepest node along a path (<c>a.b[0]["c.d"]</c>, or System.Text.Json's <c>$.a.b[0]['c.d']</c>) that exists:
    /// a missing field is reported at the line of its nearest present parent.
    /// </summary>
    public static Node Locate(Node root, string? path)
    {
        var node = root;
        if (string.IsNullOrEmpty(path))
        {
            return node;
        }

        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            Node? next;
            if (path[i] == '.')
            {
                i++;
                var end = i;
                while (end < path.Length && path[end] != '.' && path[end] != '[')
                {
                    end++;
                }

                next = (node as MappingNode)?.Get(path[i..end]);
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && (path[i + 1] == '\'' || path[i + 1] == '"'))
            {
                var quote = path[i + 1];
                var end = path.IndexOf(quote + "]", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return node;
                }

                next = (node as MappingNode)?.Get(path[(i + 2)..end].Replace("\\\"", "\"", StringComparison.Ordinal));
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    return node;
                }

                next = node is SequenceNode s && index < s.Items.Count ? s.Items[index] : null;
                i = end + 1;
            }
            else
            {
                // A leading name without a dot (our own paths start that way).
                var end = i;
                while (end < path.Length && path[end] != '.' && path[end] != '[')
                {
                    end++;
                }

                next = (node as MappingNode)?.Get(path[i..end]);
                i = end;
            }

            if (next is null)
            {
                return node;
            }

            node = next;
        }

        return node;
    }
}
