using System.Text.Json;

namespace ComplianceScanner.Deploy.Tests.Docker;

/// <summary>One Dockerfile instruction, continuation lines joined, at the line it starts on.</summary>
public sealed record DockerInstruction(string Keyword, string Arguments, int Line)
{
    /// <summary>The arguments in exec (JSON array) form, or null when written in shell form.</summary>
    public IReadOnlyList<string>? ExecForm
    {
        get
        {
            if (!Arguments.StartsWith('['))
            {
                return null;
            }

            try
            {
                return JsonSerializer.Deserialize<List<string>>(Arguments);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>The <c>--flag=value</c> options at the start (COPY --from, --chown).</summary>
    public IReadOnlyDictionary<string, string> Flags =>
        Words.TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal))
            .Select(w => w[2..].Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty, StringComparer.Ordinal);

    /// <summary>The arguments after the flags, split on whitespace (COPY sources and destination).</summary>
    public IReadOnlyList<string> Operands => [.. Words.SkipWhile(w => w.StartsWith("--", StringComparison.Ordinal))];

    private string[] Words => Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"line {Line}: {Keyword} {Arguments}";
}
