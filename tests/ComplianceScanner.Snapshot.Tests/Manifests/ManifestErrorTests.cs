using ComplianceScanner.Snapshot.Manifests;

namespace ComplianceScanner.Snapshot.Tests.Manifests;

public sealed class ManifestErrorTests
{
    [Theory]
    [InlineData(3, 41, "path/file.yaml: document 3 (line 41): kind missing")]
    [InlineData(0, 0, "path/file.yaml: document 0: kind missing")]
    [InlineData(-1, 0, "path/file.yaml: kind missing")]
    [InlineData(-1, 7, "path/file.yaml (line 7): kind missing")]
    public void To_string_is_one_line_naming_file_document_and_line(int document, int line, string expected)
    {
        Assert.Equal(expected, new ManifestError("path/file.yaml", document, line, "kind missing").ToString());
        Assert.Equal(expected, new ManifestWarning("path/file.yaml", document, line, "kind missing").ToString());
    }
}
