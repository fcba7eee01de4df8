using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Permissions;

/// <summary>
/// The order of <see cref="Subject.CompareTo"/> (ordinal on <see cref="Subject.ToString"/>) without building the strings,
/// so that sorting tens of thousands of subjects does not allocate per comparison.
/// </summary>
internal sealed class SubjectOrder : IComparer<Subject>
{
    public static SubjectOrder Instance { get; } = new();

    public int Compare(Subject? x, Subject? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        // Fast paths: whole-part ordinal comparisons give the same answer unless one part is a prefix of the other.
        if (!string.Equals(x.Kind, y.Kind, StringComparison.Ordinal))
        {
            if (!IsPrefix(x.Kind, y.Kind))
            {
                return string.CompareOrdinal(x.Kind, y.Kind);
            }
        }
        else if (x.Kind != Subject.ServiceAccountKind)
        {
            return string.CompareOrdinal(x.Name, y.Name);
        }
        else if (string.Equals(x.Namespace, y.Namespace, StringComparison.Ordinal))
        {
            return string.CompareOrdinal(x.Name, y.Name);
        }
        else if (!IsPrefix(x.Namespace ?? string.Empty, y.Namespace ?? string.Empty))
        {
            return string.CompareOrdinal(x.Namespace, y.Namespace);
        }

        var xs = new Cursor(x);
        var ys = new Cursor(y);
        while (true)
        {
            var a = xs.Next();
            var b = ys.Next();
            if (a != b || a < 0)
            {
                return a.CompareTo(b);
            }
        }
    }

    private static bool IsPrefix(string a, string b) =>
        a.Length <= b.Length ? b.StartsWith(a, StringComparison.Ordinal) : a.StartsWith(b, StringComparison.Ordinal);

    /// <summary>Walks the characters of <c>Kind:name</c> or <c>Kind:namespace/name</c>; -1 at the end.</summary>
    private ref struct Cursor
    {
        private readonly Subject subject;
        private readonly bool isServiceAccount;
        private int part;
        private int pos;

        public Cursor(Subject subject)
        {
            this.subject = subject;
            isServiceAccount = subject.Kind == Subject.ServiceAccountKind;
        }

        public int Next()
        {
            while (true)
            {
                var text = Part();
                if (text is null)
                {
                    return -1;
                }

                if (pos < text.Length)
                {
                    return text[pos++];
                }

                part++;
                pos = 0;
            }
        }

        private readonly string? Part() => (part, isServiceAccount) switch
        {
            (0, _) => subject.Kind,
            (1, _) => ":",
            (2, true) => subject.Namespace ?? string.Empty,
            (3, true) => "/",
            (4, true) => subject.Name,
            (2, false) => subject.Name,
            _ => null,
        };
    }
}
