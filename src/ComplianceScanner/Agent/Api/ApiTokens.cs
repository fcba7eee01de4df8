using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ComplianceScanner.Cli;

namespace ComplianceScanner.Agent.Api;

/// <summary>
/// The tokens file of <c>agent.api.tokensFile</c>: one token a line, <c>sha256:HEX NAME</c> (the SHA-256 of the token, so
/// the file need not hold secrets) or <c>TOKEN NAME</c> (hashed at load); the name is who the caller is (default
/// <c>token-LINE</c>). Blank lines and <c>#</c> comments are skipped. Tokens are compared by their SHA-256 hashes in
/// constant time, against every entry, so neither timing nor order tells anything about the stored tokens.
/// </summary>
internal sealed class ApiTokens
{
    private const string HashPrefix = "sha256:";

    private readonly ImmutableArray<(byte[] Hash, string Name)> entries;

    private ApiTokens(ImmutableArray<(byte[] Hash, string Name)> entries) => this.entries = entries;

    public int Count => entries.Length;

    /// <exception cref="UserInputException">The file is missing or a line is malformed (named by file and line).</exception>
    public static ApiTokens Load(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"agent.api.tokensFile: cannot read {path}: {ex.Message}", ex);
        }

        var entries = ImmutableArray.CreateBuilder<(byte[], string)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var at = string.Create(CultureInfo.InvariantCulture, $"{path}:{i + 1}");
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 2)
            {
                throw new UserInputException($"{at}: expected 'sha256:<hex> name' or 'token name', got {fields.Length} fields.");
            }

            var name = fields.Length == 2 ? fields[1] : string.Create(CultureInfo.InvariantCulture, $"token-{i + 1}");
            byte[] hash;
            if (fields[0].StartsWith(HashPrefix, StringComparison.Ordinal))
            {
                var hex = fields[0][HashPrefix.Length..];
                if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
                {
                    throw new UserInputException($"{at}: 'sha256:' must be followed by 64 hex digits (the SHA-256 of the token, e.g. from 'printf %s TOKEN | sha256sum'), got {hex.Length} characters.");
                }

                hash = Convert.FromHexString(hex);
            }
            else
            {
                if (fields[0].Length < 16)
                {
                    throw new UserInputException($"{at}: token of {fields[0].Length} characters is too short to be a secret; use at least 16 (e.g. 'openssl rand -hex 32').");
                }

                hash = Hash(fields[0]);
            }

            entries.Add((hash, name));
        }

        if (entries.Count == 0)
        {
            throw new UserInputException($"agent.api.tokensFile: {path} holds no tokens; add one line 'sha256:<hex> name' per caller.");
        }

        return new ApiTokens(entries.ToImmutable());
    }

    /// <summary>The name of the caller whose token this is, or null.</summary>
    public string? Authenticate(string token)
    {
        var hash = Hash(token);
        string? found = null;
        foreach (var (stored, name) in entries)
        {
            // Every entry is compared, whatever matched before, so the time does not depend on where the token is.
            if (CryptographicOperations.FixedTimeEquals(hash, stored))
            {
                found ??= name;
            }
        }

        return found;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
