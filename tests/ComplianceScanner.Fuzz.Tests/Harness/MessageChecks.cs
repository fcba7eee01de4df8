namespace ComplianceScanner.Fuzz.Tests.Harness;

/// <summary>What every diagnostic a user sees must be: non-empty, short enough to read, and free of exception internals.</summary>
internal static class MessageChecks
{
    /// <summary>Messages quote keys and values; a quote of a huge value must be cut, not printed whole.</summary>
    public const int MaxMessageLength = 2_000;

    private static readonly string[] Internals = ["   at ", "Exception", "System.", "Microsoft.", "YamlDotNet", "k8s.Models", "--- End of", "NullReference", "Object reference"];

    public static void Clean(string message, string what)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            throw new FuzzFailureException($"{what}: empty message");
        }

        if (message.Length > MaxMessageLength)
        {
            throw new FuzzFailureException($"{what}: message of {message.Length} chars: {message[..200]}...");
        }

        foreach (var marker in Internals)
        {
            if (message.Contains(marker, StringComparison.Ordinal))
            {
                throw new FuzzFailureException($"{what}: message shows internals ('{marker}'): {message}");
            }
        }
    }

    /// <summary>An upper bound on the line numbers a diagnostic may name: YAML counts CR, LF, CRLF, NEL, LS and PS as line breaks.</summary>
    public static int MaxLine(string text) =>
        text.Count(c => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029') + 2;
}
