namespace ComplianceScanner.Configuration.Tests.Binding;

public sealed class NodeReaderTests
{
    [Fact]
    public void Scalar_where_a_list_is_expected_suggests_the_list_form()
    {
        var messages = ConfigText.Diagnose("layers:\n  cluster:\n    namespaces: ingress-nginx\n");

        Seq.Equal(
            ["scanner.yaml:5:17: error: layers.cluster.namespaces: expected a list, got the value \"ingress-nginx\". Hint: write [ingress-nginx] for a list of one."],
            messages);
    }

    [Fact]
    public void Mapping_where_a_list_is_expected_and_list_where_a_mapping_is_expected_are_type_errors()
    {
        var messages = ConfigText.Diagnose("""
            duties: [route-editing]
            layers:
              namespace:
                teams: {name: shop}
            """);

        Seq.Equal(
            [
                "scanner.yaml:3:9: error: duties: expected a mapping, got a list.",
                "scanner.yaml:6:12: error: layers.namespace.teams: expected a list, got a mapping.",
            ],
            messages);
    }

    [Fact]
    public void Quoted_or_yaml11_booleans_are_not_booleans()
    {
        var messages = ConfigText.Diagnose("""
            layers:
              namespace:
                teams:
                - {name: a, namespaces: [a], requireTls: "true"}
                - {name: b, namespaces: [b], requireTls: yes}
            """);

        Seq.Equal(
            [
                "scanner.yaml:6:46: error: layers.namespace.teams[0].requireTls: expected true or false, got the value \"true\".",
                "scanner.yaml:7:46: error: layers.namespace.teams[1].requireTls: expected true or false, got the value \"yes\".",
            ],
            messages);
    }

    [Fact]
    public void List_item_of_the_wrong_shape_is_reported_with_its_index()
    {
        var messages = ConfigText.Diagnose("layers:\n  cluster:\n    duties: [audit-read, [nested], ~]\n");

        Seq.Equal(
            [
                "scanner.yaml:5:26: error: layers.cluster.duties[1]: expected a string, got a list.",
                "scanner.yaml:5:36: error: layers.cluster.duties[2]: expected a string, got an empty value.",
            ],
            messages);
    }
}
