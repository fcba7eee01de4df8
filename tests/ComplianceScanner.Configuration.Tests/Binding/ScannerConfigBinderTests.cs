namespace ComplianceScanner.Configuration.Tests.Binding;

public sealed class ScannerConfigBinderTests
{
    [Fact]
    public void Missing_apiVersion_and_kind_are_both_reported_at_the_document_start()
    {
        var result = ConfigText.Load("cluster: {name: demo}\n");

        Seq.Equal(
            [
                "scanner.yaml:1:1: error: apiVersion: missing required field \"apiVersion\".",
                "scanner.yaml:1:1: error: kind: missing required field \"kind\".",
            ],
            ConfigText.Messages(result));
        Assert.All(result.Diagnostics, d => Assert.Equal(ConfigDiagnosticCodes.MissingField, d.Code));
    }

    [Fact]
    public void Wrong_kind_is_rejected_with_the_expected_value()
    {
        var messages = ConfigText.Messages(ConfigText.Load("apiVersion: compliancescanner.io/v1\nkind: ScanConfig\n"));

        Seq.Equal(
            ["scanner.yaml:2:7: error: kind: must be \"ScannerConfig\", got \"ScanConfig\". Hint: this version of the scanner reads apiVersion compliancescanner.io/v1, kind ScannerConfig."],
            messages);
    }

    [Fact]
    public void Misspelt_top_level_section_gets_a_suggestion()
    {
        var messages = ConfigText.Diagnose("exception: []\n");

        Seq.Equal(["scanner.yaml:3:1: error: exception: unknown field \"exception\". Hint: did you mean \"exceptions\"?"], messages);
    }

    [Fact]
    public void Root_that_is_not_a_mapping_is_a_type_error()
    {
        var messages = ConfigText.Messages(ConfigText.Load("- apiVersion: compliancescanner.io/v1\n"));

        Seq.Equal(["scanner.yaml:1:1: error: expected a mapping, got a list."], messages);
    }
}
