namespace ComplianceScanner.Configuration.Tests.Binding;

public sealed class SelectorBinderTests
{
    [Fact]
    public void Selector_operators_and_values_are_validated()
    {
        var messages = ConfigText.Diagnose("""
            layers:
              namespace:
                teams:
                - name: shop
                  namespaceSelector:
                    matchExpressions:
                    - {key: env, operator: Equals, values: [prod]}
                    - {key: env, operator: in, values: [prod]}
                    - {key: env, operator: In}
                    - {key: legacy, operator: Exists, values: ["yes"]}
                    - {operator: Exists}
            """);

        Seq.Equal(
            [
                "scanner.yaml:9:32: error: layers.namespace.teams[0].namespaceSelector.matchExpressions[0].operator: invalid operator \"Equals\": expected In, NotIn, Exists or DoesNotExist.",
                "scanner.yaml:10:32: error: layers.namespace.teams[0].namespaceSelector.matchExpressions[1].operator: invalid operator \"in\": expected In, NotIn, Exists or DoesNotExist. Hint: did you mean \"In\"?",
                "scanner.yaml:11:11: error: layers.namespace.teams[0].namespaceSelector.matchExpressions[2].values: operator In needs at least one value.",
                "scanner.yaml:12:51: error: layers.namespace.teams[0].namespaceSelector.matchExpressions[3].values: operator Exists takes no values. Hint: remove values.",
                "scanner.yaml:13:11: error: layers.namespace.teams[0].namespaceSelector.matchExpressions[4].key: missing required field \"key\".",
            ],
            messages);
    }

    [Fact]
    public void Empty_selector_would_select_every_namespace_and_is_an_error()
    {
        var messages = ConfigText.Diagnose("""
            layers:
              namespace:
                teams:
                - {name: a, namespaceSelector: {}}
                - {name: b, namespaceSelector: {matchLabels: {}}}
            """);

        Seq.Equal(
            [
                "scanner.yaml:6:36: error: layers.namespace.teams[0].namespaceSelector: an empty selector selects every namespace. Hint: add matchLabels or matchExpressions, or remove namespaceSelector.",
                "scanner.yaml:7:36: error: layers.namespace.teams[1].namespaceSelector: an empty selector selects every namespace. Hint: add matchLabels or matchExpressions, or remove namespaceSelector.",
            ],
            messages);
    }

    [Fact]
    public void Label_keys_and_values_follow_kubernetes_syntax()
    {
        var messages = ConfigText.Diagnose("""
            layers:
              namespace:
                teams:
                - name: shop
                  namespaceSelector:
                    matchLabels: {"team name": shop, example.com/tier: "web tier", "Bad_Prefix/x": y}
            """);

        Seq.Equal(
            [
                "scanner.yaml:8:23: error: layers.namespace.teams[0].namespaceSelector.matchLabels.team name: invalid label key \"team name\": a label key must be at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit, optionally after a prefix and '/'.",
                "scanner.yaml:8:60: error: layers.namespace.teams[0].namespaceSelector.matchLabels.example.com/tier: invalid label value \"web tier\": a label value must be empty or at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit.",
                "scanner.yaml:8:72: error: layers.namespace.teams[0].namespaceSelector.matchLabels.Bad_Prefix/x: invalid label key \"Bad_Prefix/x\": the prefix of a label key must be a DNS subdomain such as example.com.",
            ],
            messages);
    }
}
