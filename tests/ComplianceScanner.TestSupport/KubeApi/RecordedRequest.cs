namespace ComplianceScanner.TestSupport.KubeApi;

/// <summary>One request the test API server received, as the client sent it.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path without the query.</param>
/// <param name="Query">Query string including the leading <c>?</c>, or empty.</param>
/// <param name="Accept">The Accept header, or null.</param>
/// <param name="Authorization">The Authorization header, or null.</param>
/// <param name="Status">The status code the server answered with.</param>
public sealed record RecordedRequest(string Method, string Path, string Query, string? Accept, string? Authorization, int Status)
{
    public bool IsWatch => Query.Contains("watch=true", StringComparison.Ordinal) || Query.Contains("watch=1", StringComparison.Ordinal);

    /// <summary>The value of a query parameter, or null.</summary>
    public string? Parameter(string name)
    {
        foreach (var part in Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? part : part[..eq];
            if (key == name)
            {
                return eq < 0 ? string.Empty : Uri.UnescapeDataString(part[(eq + 1)..]);
            }
        }

        return null;
    }

    public override string ToString() => $"{Method} {Path}{Query} -> {Status}";
}
