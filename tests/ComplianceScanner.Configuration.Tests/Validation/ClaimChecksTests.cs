namespace ComplianceScanner.Configuration.Tests.Validation;

public sealed class ClaimChecksTests
{
    [Fact]
    public void Namespace_claimed_by_two_teams_is_reported_at_the_later_claim()
    {
        var messages = ConfigText.Diagnose("""
            layers:
              namespace:
                teams:
                - {name: shop, namespaces: [shop, "shop-*", "pay-?"]}
                - {name: pay, namespaces: [shop, shop-admin, "pay-*", "shop-*", "*-x"]}
            """);

        Seq.Equal(
            [
                "scanner.yaml:7:32: error: layers.namespace.teams[1].namespaces[0]: \"shop\" is already claimed by team shop (layers.namespace.teams[0].namespaces[0], line 6). A namespace belongs to one team or layer only.",
                "scanner.yaml:7:38: error: layers.namespace.teams[1].namespaces[1]: namespace \"shop-admin\" is also matched by \"shop-*\" of team shop (layers.namespace.teams[0].namespaces[1], line 6). A namespace belongs to one team or layer only.",
                "scanner.yaml:7:50: error: layers.namespace.teams[1].namespaces[2]: \"pay-*\" overlaps \"pay-?\" of team shop (layers.namespace.teams[0].namespaces[2], line 6): both match \"pay-a\". A namespace belongs to one team or layer only.",
                "scanner.yaml:7:59: error: layers.namespace.teams[1].namespaces[3]: \"shop-*\" is already claimed by team shop (layers.namespace.teams[0].namespaces[1], line 6). A namespace belongs to one team or layer only.",
                "scanner.yaml:7:69: error: layers.namespace.teams[1].namespaces[4]: \"*-x\" overlaps \"shop-*\" of team shop (layers.namespace.teams[0].namespaces[1], line 6): both match \"shop-x\". A namespace belongs to one team or layer only.",
            ],
            messages);
    }

    [Fact]
    public void Glob_covering_an_earlier_literal_of_another_owner_is_reported()
    {
        var messages = ConfigText.Diagnose("""
            layers:
              cluster: {namespaces: [ingress-nginx]}
              namespace:
                teams:
                - {name: shop, namespaces: ["ingress-*"]}
            """);

        Seq.Equal(
            ["scanner.yaml:7:33: error: layers.namespace.teams[0].namespaces[0]: \"ingress-*\" matches namespace \"ingress-nginx\" of the cluster layer (layers.cluster.namespaces[0], line 4). A namespace belongs to one team or layer only."],
            messages);
    }

    [Fact]
    public void Disjoint_globs_and_repeats_within_one_team_are_fine()
    {
        var config = ConfigText.Valid("""
            layers:
              cluster: {namespaces: [ingress-nginx, "cert-manager*"]}
              security: {namespaces: ["sec-*"]}
              namespace:
                teams:
                - {name: shop, namespaces: [shop, "shop-*", shop-a]}
                - {name: blog, namespaces: [blog, "blog-*", "a?c"]}
                - {name: abd, namespaces: [abd]}
            """);

        Assert.Equal(3, config.Teams.Length);
    }

    [Fact]
    public void Kubernetes_namespaces_belong_to_the_cluster_layer_only()
    {
        var messages = ConfigText.Diagnose("""
            layers:
              cluster: {namespaces: [kube-system]}
              security: {namespaces: [kube-public]}
              namespace:
                teams:
                - {name: shop, namespaces: ["kube-*"]}
            """);

        Seq.Equal(
            [
                "scanner.yaml:5:27: error: layers.security.namespaces[0]: the security layer cannot own \"kube-public\": Kubernetes' own namespaces (kube-system, kube-public, kube-node-lease) always belong to the cluster layer.",
                "scanner.yaml:8:33: error: layers.namespace.teams[0].namespaces[0]: team shop cannot own \"kube-*\": it matches kube-system, and Kubernetes' own namespaces (kube-system, kube-public, kube-node-lease) always belong to the cluster layer.",
            ],
            messages);
    }

    [Fact]
    public void Subject_in_two_layers_or_twice_in_one_is_reported_at_the_later_place()
    {
        var messages = ConfigText.Diagnose("""
            layers:
              cluster:
                subjects: [{kind: Group, name: ops}, {kind: Group, name: ops}]
              security:
                subjects: [{kind: Group, name: ops}, {kind: User, name: ops}]
              namespace:
                teams:
                - name: shop
                  namespaces: [shop]
                  subjects: [{kind: ServiceAccount, namespace: shop, name: ops}, {kind: Group, name: ops}]
            """);

        Seq.Equal(
            [
                "scanner.yaml:5:42: error: layers.cluster.subjects[1]: subject Group:ops is also listed earlier in the cluster layer (layers.cluster.subjects[0], line 5). A subject belongs to one layer or team only.",
                "scanner.yaml:7:16: error: layers.security.subjects[0]: subject Group:ops is already declared in the cluster layer (layers.cluster.subjects[0], line 5). A subject belongs to one layer or team only.",
                "scanner.yaml:12:70: error: layers.namespace.teams[0].subjects[1]: subject Group:ops is already declared in the cluster layer (layers.cluster.subjects[0], line 5). A subject belongs to one layer or team only.",
            ],
            messages);
    }
}
