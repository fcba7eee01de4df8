namespace ComplianceScanner.Configuration.Validation;

/// <summary>
/// Whether two globs (<c>*</c>, <c>?</c>, literals; a plain name is a glob without wildcards) can match a common string,
/// decided exactly by searching the product of their automata; and if so, the shortest such string as an example.
/// </summary>
internal static class GlobOverlap
{
    /// <summary>A string both globs match, or null when there is none.</summary>
    public static string? CommonMatch(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var width = b.Length + 1;
        var parent = new (int From, char? Char)?[(a.Length + 1) * width];
        var queue = new Queue<(int I, int J)>();
        Visit(0, 0, -1, null);
        while (queue.Count > 0)
        {
            var (i, j) = queue.Dequeue();
            if (i == a.Length && j == b.Length)
            {
                return Witness(i * width + j);
            }

            var here = i * width + j;

            // A star may match nothing.
            if (i < a.Length && a[i] == '*')
            {
                Visit(i + 1, j, here, null);
            }

            if (j < b.Length && b[j] == '*')
            {
                Visit(i, j + 1, here, null);
            }

            if (i < a.Length && j < b.Length && Common(a[i], b[j]) is { } c)
            {
                // Consuming one character: a star stays where it is, anything else moves on.
                Visit(a[i] == '*' ? i : i + 1, b[j] == '*' ? j : j + 1, here, c);
            }
        }

        return null;

        void Visit(int i, int j, int from, char? c)
        {
            var index = i * width + j;
            if (parent[index] is null)
            {
                parent[index] = (from, c);
                queue.Enqueue((i, j));
            }
        }

        string Witness(int index)
        {
            var chars = new List<char>();
            while (parent[index] is { From: >= 0 } step)
            {
                if (step.Char is { } c)
                {
                    chars.Add(c);
                }

                index = step.From;
            }

            chars.Reverse();
            return new string([.. chars]);
        }
    }

    /// <summary>A character both pattern positions accept; wildcards against wildcards pick a letter valid in every name.</summary>
    private static char? Common(char x, char y)
    {
        var xWild = x is '*' or '?';
        var yWild = y is '*' or '?';
        return (xWild, yWild) switch
        {
            (true, true) => 'a',
            (true, false) => y,
            (false, true) => x,
            _ => x == y ? x : null,
        };
    }
}
