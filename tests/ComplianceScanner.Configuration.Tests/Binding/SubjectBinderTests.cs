namespace ComplianceScanner.Configuration.Tests.Binding;

public sealed class SubjectBinderTests
{
    [Fact]
    public void Subject_kind_name_and_namespace_are_validated()
    {
        var messages = ConfigText.Diagnose("""
            layers:
              cluster:
                subjects:
                - {kind: group, name: ops}
                - {kind: ServiceAccount, name: ingress-nginx}
                - {kind: User, name: alice, namespace: default}
                - {kind: Group}
                - {kind: Group, name: " "}
            """);

        Seq.Equal(
            [
                "scanner.yaml:6:14: error: layers.cluster.subjects[0].kind: unknown subject kind \"group\": expected User, Group or ServiceAccount. Hint: did you mean \"Group\"?",
                "scanner.yaml:7:7: error: layers.cluster.subjects[1].namespace: a ServiceAccount subject needs a namespace. Hint: write {kind: ServiceAccount, namespace: <namespace>, name: <name>}.",
                "scanner.yaml:8:44: error: layers.cluster.subjects[2].namespace: namespace is only valid for ServiceAccount subjects; a User is not namespaced. Hint: remove namespace.",
                "scanner.yaml:9:7: error: layers.cluster.subjects[3].name: missing required field \"name\".",
                "scanner.yaml:10:27: error: layers.cluster.subjects[4].name: the subject name must not be empty.",
            ],
            messages);
    }

    [Fact]
    public void Service_account_names_must_be_object_names_not_user_names()
    {
        var messages = ConfigText.Diagnose("""
            layers:
              cluster:
                subjects:
                - {kind: ServiceAccount, namespace: Ingress_Nginx, name: "system:serviceaccount:ingress-nginx:ingress-nginx"}
            """);

        Seq.Equal(
            [
                "scanner.yaml:6:41: error: layers.cluster.subjects[0].namespace: \"Ingress_Nginx\" is not a valid namespace name: it must be at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit.",
                "scanner.yaml:6:62: error: layers.cluster.subjects[0].name: \"system:serviceaccount:ingress-nginx:ingress-nginx\" is not a valid ServiceAccount name: it must be lower-case letters, digits, '-' and '.'. Hint: write the namespace in namespace, not system:serviceaccount:<namespace>:<name>.",
            ],
            messages);
    }

    [Fact]
    public void ApiGroup_copied_from_a_binding_is_accepted_only_when_right()
    {
        var messages = ConfigText.Diagnose("""
            layers:
              cluster:
                subjects:
                - {kind: Group, name: ops, apiGroup: rbac.authorization.k8s.io}
                - {kind: ServiceAccount, namespace: a, name: b, apiGroup: ""}
                - {kind: Group, name: sec, apiGroup: v1}
            """);

        Seq.Equal(
            ["scanner.yaml:8:42: error: layers.cluster.subjects[2].apiGroup: apiGroup of a Group subject must be \"rbac.authorization.k8s.io\", got \"v1\". Hint: apiGroup may be left out."],
            messages);
    }
}
