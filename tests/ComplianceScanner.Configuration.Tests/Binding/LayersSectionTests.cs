namespace ComplianceScanner.Configuration.Tests.Binding;

public sealed class LayersSectionTests
{
    [Fact]
    public void Team_without_namespaces_or_selector_owns_nothing_and_is_an_error()
    {
        var messages = ConfigText.Diagnose("""
            layers:
              namespace:
                teams:
                - name: shop
                  namespaces: []
                - {namespaces: [blog]}
            """);

        Seq.Equal(
            [
                "scanner.yaml:6:7: error: layers.namespace.teams[0].namespaces: a team needs namespaces or a namespaceSelector: without them it owns no namespace. Hint: namespaces: [shop, \"shop-*\"].",
                "scanner.yaml:8:7: error: layers.namespace.teams[1].name: missing required field \"name\".",
            ],
            messages);
    }

    [Fact]
    public void Duplicate_team_name_points_at_the_first_one()
    {
        var messages = ConfigText.Diagnose("""
            layers:
              namespace:
                teams:
                - {name: shop, namespaces: [shop]}
                - {name: shop, namespaces: [shop-two]}
            """);

        Seq.Equal(
            ["scanner.yaml:7:14: error: layers.namespace.teams[1].name: team name \"shop\" is already used (layers.namespace.teams[0].name, line 6). Hint: merge the two teams or rename one."],
            messages);
    }

    [Fact]
    public void Bad_host_patterns_report_the_host_pattern_problem()
    {
        var messages = ConfigText.Diagnose("""
            layers:
              namespace:
                teams:
                - name: shop
                  namespaces: [shop]
                  hosts: ["*.*.shop.example.com", "shop.*.example.com", Shop.example.com, "", "-x.example.com"]
            """);

        Seq.Equal(
            [
                "scanner.yaml:8:15: error: layers.namespace.teams[0].hosts[0]: invalid host \"*.*.shop.example.com\": a wildcard is only allowed as the whole first label, as in *.example.com. Hint: a leading *. stands for exactly one DNS label.",
                "scanner.yaml:8:39: error: layers.namespace.teams[0].hosts[1]: invalid host \"shop.*.example.com\": a wildcard is only allowed as the whole first label, as in *.example.com. Hint: a leading *. stands for exactly one DNS label.",
                "scanner.yaml:8:61: error: layers.namespace.teams[0].hosts[2]: invalid host \"Shop.example.com\": label 'Shop' must be lower case. Hint: a leading *. stands for exactly one DNS label.",
                "scanner.yaml:8:79: error: layers.namespace.teams[0].hosts[3]: invalid host \"\": host is empty. Hint: a leading *. stands for exactly one DNS label.",
                "scanner.yaml:8:83: error: layers.namespace.teams[0].hosts[4]: invalid host \"-x.example.com\": label '-x' must be lower-case letters, digits and '-', starting and ending with a letter or digit. Hint: a leading *. stands for exactly one DNS label.",
            ],
            messages);
    }

    [Fact]
    public void Bad_ingress_class_names_contacts_and_namespace_globs_are_reported()
    {
        var messages = ConfigText.Diagnose("""
            layers:
              namespace:
                teams:
                - name: shop
                  namespaces: [shop, "", "Shop_*", "-shop", "shop[0-9]"]
                  ingressClasses: [nginx-public, Nginx_Public, "nginx-*"]
                  contacts: [shop@example.com, " "]
            """);

        Seq.Equal(
            [
                "scanner.yaml:7:26: error: layers.namespace.teams[0].namespaces[1]: invalid namespace pattern \"\": a namespace name or glob must not be empty.",
                "scanner.yaml:7:30: error: layers.namespace.teams[0].namespaces[2]: invalid namespace pattern \"Shop_*\": a namespace name or glob may hold only lower-case letters, digits, '-', and the wildcards * and ?.",
                "scanner.yaml:7:40: error: layers.namespace.teams[0].namespaces[3]: invalid namespace pattern \"-shop\": a namespace name must start and end with a letter or digit.",
                "scanner.yaml:7:49: error: layers.namespace.teams[0].namespaces[4]: invalid namespace pattern \"shop[0-9]\": a namespace name or glob may hold only lower-case letters, digits, '-', and the wildcards * and ?.",
                "scanner.yaml:8:38: error: layers.namespace.teams[0].ingressClasses[1]: invalid IngressClass name \"Nginx_Public\": an IngressClass name must be at most 253 lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit.",
                "scanner.yaml:8:52: error: layers.namespace.teams[0].ingressClasses[2]: invalid IngressClass name \"nginx-*\": an IngressClass name must be at most 253 lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit.",
                "scanner.yaml:9:36: error: layers.namespace.teams[0].contacts[1]: a contact must not be empty.",
            ],
            messages);
    }

    [Fact]
    public void Unknown_duties_in_layers_and_teams_are_reported_with_a_suggestion_or_the_known_list()
    {
        var messages = ConfigText.Diagnose("""
            layers:
              security:
                duties: [audit-reader]
              namespace:
                teams:
                - {name: shop, namespaces: [shop], duties: [deploy-everything]}
            """);

        Seq.Equal(
            [
                "scanner.yaml:5:14: error: layers.security.duties[0]: unknown duty \"audit-reader\": it is neither built in nor declared under duties. Hint: did you mean \"audit-read\"?",
                "scanner.yaml:8:49: error: layers.namespace.teams[0].duties[0]: unknown duty \"deploy-everything\": it is neither built in nor declared under duties. Hint: declare it under duties, or use one of: admission-policy-management, audit-read, controller-operation, gateway-management, ingress-class-management, rbac-management, route-editing, tls-management.",
            ],
            messages);
    }

    [Fact]
    public void Team_gateways_are_namespace_slash_name_patterns_and_bad_ones_are_reported_at_their_line()
    {
        var config = ConfigText.Valid("""
            layers:
              namespace:
                teams:
                - {name: shop, namespaces: [shop], gateways: [infra/shared-gateway, "edge/*", "infra/gw.v2"]}
            """);
        Assert.Equal(["infra/shared-gateway", "edge/*", "infra/gw.v2"], config.Teams[0].Gateways.ToArray());

        var messages = ConfigText.Diagnose("""
            layers:
              namespace:
                teams:
                - {name: shop, namespaces: [shop], gateways: [shared-gateway, "Infra/gw"]}
            """);
        Assert.Equal(2, messages.Length);
        Assert.StartsWith("scanner.yaml:6:51: error: layers.namespace.teams[0].gateways[0]: invalid Gateway \"shared-gateway\": write it as namespace/name", messages[0], StringComparison.Ordinal);
        Assert.Contains("gateways[1]: invalid Gateway \"Infra/gw\": namespace part:", messages[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Declared_duty_can_be_referenced_before_the_duties_section()
    {
        var config = ConfigText.Valid("""
            layers:
              security: {duties: [metrics-read]}
            duties:
              metrics-read:
                rules: [{nonResourceURLs: [/metrics], verbs: [get]}]
            """);

        Seq.Equal(["metrics-read"], config.SecurityLayer.Duties);
    }
}
