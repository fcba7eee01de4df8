namespace ComplianceScanner.Configuration.Tests.Binding;

public sealed class ExceptionsSectionTests
{
    [Fact]
    public void Exception_needs_reason_approver_and_expiry()
    {
        var messages = ConfigText.Diagnose("""
            exceptions:
            - rule: SOD-ING-003
              object: shop/promo
            """);

        Seq.Equal(
            [
                "scanner.yaml:4:3: error: exceptions[0].reason: missing required field \"reason\".",
                "scanner.yaml:4:3: error: exceptions[0].approvedBy: missing required field \"approvedBy\".",
                "scanner.yaml:4:3: error: exceptions[0].expires: missing required field \"expires\".",
            ],
            messages);
    }

    [Fact]
    public void Exception_needs_an_object_or_a_subject()
    {
        var messages = ConfigText.Diagnose("exceptions:\n- {rule: SOD-ING-003, reason: r, approvedBy: ciso, expires: 2027-01-31}\n");

        Seq.Equal(
            ["scanner.yaml:4:3: error: exceptions[0].object: an exception needs an object, a subject, or both. Hint: to switch a rule off everywhere, list it under rules.disabled instead."],
            messages);
    }

    [Fact]
    public void Expiry_must_be_an_iso_date()
    {
        var messages = ConfigText.Diagnose("""
            exceptions:
            - {rule: SOD-ING-003, object: a/b, reason: r, approvedBy: ciso, expires: 31.01.2027}
            - {rule: SOD-ING-003, object: a/b, reason: r, approvedBy: ciso, expires: 2027-02-30}
            - {rule: SOD-ING-003, object: a/b, reason: r, approvedBy: ciso, expires: [2027-01-31]}
            """);

        Seq.Equal(
            [
                "scanner.yaml:4:74: error: exceptions[0].expires: must be a date written yyyy-MM-dd, as in 2027-01-31, got \"31.01.2027\".",
                "scanner.yaml:5:74: error: exceptions[1].expires: must be a date written yyyy-MM-dd, as in 2027-01-31, got \"2027-02-30\".",
                "scanner.yaml:6:74: error: exceptions[2].expires: expected a string, got a list.",
            ],
            messages);
    }

    [Fact]
    public void Rule_object_subject_and_text_fields_are_validated()
    {
        var messages = ConfigText.Diagnose("""
            exceptions:
            - {rule: "*", object: a/b/c, reason: " ", approvedBy: "", expires: 2027-01-31}
            - {rule: SOD-ING-3, subject: "group:team-shop", reason: r, approvedBy: ciso, expires: 2027-01-31}
            - {rule: SOD-RBAC-001, subject: "ServiceAccount:deployer", reason: r, approvedBy: ciso, expires: 2027-01-31}
            """);

        Seq.Equal(
            [
                "scanner.yaml:4:10: error: exceptions[0].rule: \"*\" is not a rule id: ids look like SOD-ING-003, and globs such as SOD-ING-* are allowed.",
                "scanner.yaml:4:23: error: exceptions[0].object: object \"a/b/c\" must be namespace/name or, for a cluster-wide object, name (globs allowed), as in shop/promo.",
                "scanner.yaml:4:38: error: exceptions[0].reason: must not be empty.",
                "scanner.yaml:4:55: error: exceptions[0].approvedBy: must not be empty.",
                "scanner.yaml:5:10: error: exceptions[1].rule: \"SOD-ING-3\" is not a rule id: ids look like SOD-ING-003, and globs such as SOD-ING-* are allowed.",
                "scanner.yaml:5:30: error: exceptions[1].subject: subject \"group:team-shop\" must be Kind:name, as in Group:team-shop or ServiceAccount:shop/deployer (kinds: User, Group, ServiceAccount; globs allowed). Hint: did you mean \"Group\"?",
                "scanner.yaml:6:33: error: exceptions[2].subject: subject \"ServiceAccount:deployer\" must be Kind:name, as in Group:team-shop or ServiceAccount:shop/deployer (kinds: User, Group, ServiceAccount; globs allowed).",
            ],
            messages);
    }

    [Fact]
    public void Globs_are_allowed_in_rule_object_and_subject()
    {
        var config = ConfigText.Valid("""
            exceptions:
            - {rule: SOD-ING-*, object: "shop-*/*", reason: r, approvedBy: ciso, expires: 2027-01-31}
            - {rule: SOD-*, subject: "ServiceAccount:ci/*", reason: r, approvedBy: ciso, expires: 2027-01-31}
            - {rule: SOD-RBAC-00?, subject: "*:ops", object: promo, reason: r, approvedBy: ciso, expires: 2027-01-31}
            """);

        Seq.Equal(["SOD-ING-*", "SOD-*", "SOD-RBAC-00?"], config.Exceptions.Select(e => e.Rule));
        Seq.Equal(["ServiceAccount:ci/*", "*:ops"], config.Exceptions.Select(e => e.Subject).OfType<string>());
    }
}
