namespace ComplianceScanner.Configuration.Tests.Yaml;

public sealed class YamlDocumentReaderTests
{
    [Fact]
    public void Yaml_syntax_error_reports_the_parser_position_and_message_without_a_stack_trace()
    {
        var result = ConfigText.Load(ConfigText.Header + "cluster:\n  name: a: b\n");

        Seq.Equal(
            ["scanner.yaml:4:10: error: invalid YAML: While scanning a plain scalar value, found invalid mapping."],
            ConfigText.Messages(result));
        Assert.Equal(ConfigDiagnosticCodes.YamlSyntax, result.Diagnostics[0].Code);
        Assert.Null(result.Config);
    }

    [Fact]
    public void Unclosed_flow_list_is_a_syntax_error_at_the_point_the_parser_stopped()
    {
        // YamlDotNet throws InvalidOperationException here rather than a YamlException.
        var messages = ConfigText.Diagnose("layers:\n  cluster: {namespaces: [a, b\nrules: {}\n");

        Seq.Equal(
            ["scanner.yaml:5:1: error: layers.cluster.namespaces[1]: the YAML parser cannot continue here; look for an unclosed '[', '{' or quote before this point."],
            messages);
    }

    [Fact]
    public void Tab_indentation_points_at_the_tab()
    {
        var messages = ConfigText.Diagnose("cluster:\n\tname: demo\n");

        Seq.Equal(["scanner.yaml:4:1: error: invalid YAML: a tab is used for indentation. Hint: indent with spaces only."], messages);
    }

    [Fact]
    public void A_second_document_is_an_error_at_its_separator()
    {
        var messages = ConfigText.Diagnose("cluster: {name: a}\n---\ncluster: {name: b}\n");

        Seq.Equal(
            ["scanner.yaml:4:1: error: a second YAML document starts here, but scanner.yaml holds exactly one (the first starts at line 1). Hint: merge the documents or remove the '---' separator."],
            messages);
    }

    [Fact]
    public void A_trailing_document_separator_is_harmless()
    {
        var config = ConfigText.Valid("cluster: {name: a}\n---\n");

        Assert.Equal("a", config.ClusterName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing but a comment\n")]
    [InlineData("---\n")]
    public void A_file_without_a_document_is_one_error(string text)
    {
        var result = ConfigText.Load(text);

        Seq.Equal(
            ["scanner.yaml:1:1: error: the file holds no YAML document. Hint: a scanner.yaml starts with 'apiVersion: compliancescanner.io/v1' and 'kind: ScannerConfig'."],
            ConfigText.Messages(result));
        Assert.Equal(ConfigDiagnosticCodes.EmptyFile, result.Diagnostics[0].Code);
    }
}
