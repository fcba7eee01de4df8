namespace ComplianceScanner.Configuration.Tests.Binding;

public sealed class RulesSectionTests
{
    [Fact]
    public void Rule_ids_and_severities_are_validated_and_globs_are_not_ids_here()
    {
        var messages = ConfigText.Diagnose("""
            rules:
              disabled: [SOD-ING-015, SOD-ING-15, sod-ing-001, "SOD-ING-*"]
              severity: {SOD-RBAC-001: low, RBAC-001: high, SOD-ING-003: extreme}
            """);

        Seq.Equal(
            [
                "scanner.yaml:4:27: error: rules.disabled[1]: \"SOD-ING-15\" is not a rule id: ids look like SOD-ING-003 (SOD-, an upper-case area, -, three digits).",
                "scanner.yaml:4:39: error: rules.disabled[2]: \"sod-ing-001\" is not a rule id: ids look like SOD-ING-003 (SOD-, an upper-case area, -, three digits).",
                "scanner.yaml:4:52: error: rules.disabled[3]: \"SOD-ING-*\" is not a rule id: ids look like SOD-ING-003 (SOD-, an upper-case area, -, three digits).",
                "scanner.yaml:5:33: error: rules.severity.RBAC-001: \"RBAC-001\" is not a rule id: ids look like SOD-ING-003 (SOD-, an upper-case area, -, three digits).",
                "scanner.yaml:5:62: error: rules.severity.SOD-ING-003: invalid severity \"extreme\": expected one of info, low, medium, high, critical.",
            ],
            messages);
    }

    [Fact]
    public void Rule_ids_must_name_a_rule_of_the_catalogue_and_exception_globs_must_match_one()
    {
        var messages = ConfigText.Diagnose("""
            rules:
              disabled: [SOD-ING-099]
            exceptions:
            - {rule: SOD-XYZ-*, object: a/b, reason: r, approvedBy: me, expires: 2099-01-01}
            - {rule: SOD-RBAC-*, object: a/b, reason: r, approvedBy: me, expires: 2099-01-01}
            """);

        Assert.Equal(2, messages.Length);
        Assert.StartsWith("scanner.yaml:4:14: error: rules.disabled[0]: \"SOD-ING-099\" names no rule.", messages[0], StringComparison.Ordinal);
        Assert.Contains("Hint: did you mean", messages[0], StringComparison.Ordinal);
        Assert.StartsWith("scanner.yaml:6:10: error: exceptions[0].rule: \"SOD-XYZ-*\" names no rule.", messages[1], StringComparison.Ordinal);
    }
}
