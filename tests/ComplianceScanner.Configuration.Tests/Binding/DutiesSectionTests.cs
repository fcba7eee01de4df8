namespace ComplianceScanner.Configuration.Tests.Binding;

public sealed class DutiesSectionTests
{
    [Fact]
    public void Invalid_duty_name_and_empty_rules_are_reported()
    {
        var messages = ConfigText.Diagnose("duties:\n  Route_Editing:\n    rules: []\n");

        Seq.Equal(
            [
                "scanner.yaml:4:3: error: duties.Route_Editing: duty name \"Route_Editing\" must be at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit.",
                "scanner.yaml:5:12: error: duties.Route_Editing.rules: a duty needs at least one rule.",
            ],
            messages);
    }

    [Fact]
    public void Duty_without_rules_is_missing_a_required_field()
    {
        var messages = ConfigText.Diagnose("duties:\n  metrics-read:\n    description: Read metrics\n");

        Seq.Equal(["scanner.yaml:5:5: error: duties.metrics-read.rules: missing required field \"rules\"."], messages);
    }

    [Fact]
    public void Policy_rules_are_validated_like_the_api_server_validates_them()
    {
        var messages = ConfigText.Diagnose("""
            duties:
              broken:
                rules:
                - {resources: [secrets], verbs: []}
                - {apiGroups: [""], resources: [secrets]}
                - {apiGroups: [""], nonResourceURLs: [healthz], verbs: [get]}
                - {apiGroups: [""], resources: [secrets], verbs: [get], resourceNames: [a], nonResouceURLs: [/x]}
            """);

        Seq.Equal(
            [
                "scanner.yaml:6:7: error: duties.broken.rules[0].apiGroups: a resource rule needs at least one API group. Hint: the core group (Secrets, Services) is \"\", as in apiGroups: [\"\"].",
                "scanner.yaml:6:37: error: duties.broken.rules[0].verbs: verbs must list at least one verb (\"*\" for all).",
                "scanner.yaml:7:7: error: duties.broken.rules[1].verbs: missing required field \"verbs\".",
                "scanner.yaml:8:42: error: duties.broken.rules[2].nonResourceURLs: a rule applies either to resources (apiGroups, resources, resourceNames) or to nonResourceURLs, not both. Hint: split it into two rules.",
                "scanner.yaml:8:43: error: duties.broken.rules[2].nonResourceURLs[0]: non-resource URL \"healthz\" must start with '/' (or be \"*\").",
                "scanner.yaml:9:81: error: duties.broken.rules[3].nonResouceURLs: unknown field \"nonResouceURLs\". Hint: did you mean \"nonResourceURLs\"?",
            ],
            messages);
    }
}
