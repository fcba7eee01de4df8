using ComplianceScanner.Snapshot.Manifests.Json;
using ComplianceScanner.Snapshot.Manifests.Parsing;

namespace ComplianceScanner.Snapshot.Tests.Manifests.Json;

public sealed class FieldPathTests
{
    private static Node Tree()
    {
        var documents = new Collector();
        YamlTreeReader.Read(
            """
            metadata:
              annotations:
                kubernetes.io/ingress.class: nginx
            spec:
              rules:
              - host: a
              - host: b
                http:
                  paths: []
            """,
            documents,
            CancellationToken.None);
        return documents.Root!;
    }

    [Theory]
    [InlineData("spec.rules[1].http", 9)]
    [InlineData("$.spec.rules[1].http.paths", 9)]
    [InlineData("$.metadata.annotations['kubernetes.io/ingress.class']", 3)]
    [InlineData("metadata.annotations[\"kubernetes.io/ingress.class\"]", 3)]
    [InlineData("spec.rules[7].host", 6)]
    [InlineData("spec.missing", 5)]
    [InlineData("", 1)]
    public void Locate_finds_the_deepest_existing_node_of_a_path(string path, int line) =>
        Assert.Equal(line, FieldPath.Locate(Tree(), path).Line);

    [Fact]
    public void Paths_render_plain_names_with_dots_and_odd_keys_in_brackets()
    {
        var path = new FieldPath();
        Assert.Equal("(root)", path.ToString());
        path.Push("metadata");
        path.Push("annotations");
        Assert.Equal("metadata.annotations[\"kubernetes.io/ingress.class\"]", path.Child("kubernetes.io/ingress.class"));
        path.Pop();
        path.Push("labels");
        path.Push(0);
        Assert.Equal("metadata.labels[0]", path.ToString());
    }

    private sealed class Collector : IDocumentSink
    {
        public Node? Root { get; private set; }

        public bool ListItem(int documentIndex, Node item, int itemIndex, string? listApiVersion, string? listKind) => false;

        public void Document(ParsedDocument document) => Root ??= document.Root;
    }
}
