namespace ComplianceScanner.Configuration.Tests.Binding;

public sealed class ScannerSectionTests
{
    [Fact]
    public void Config_maps_are_namespace_slash_name_entries()
    {
        var config = ConfigText.Valid("""
            scanner:
              configMaps: [security/compliance-scanner, "audit/scanner-exceptions.v2"]
            """);

        Assert.Equal(
            ["audit/scanner-exceptions.v2", "security/compliance-scanner"],
            config.SelfProtection.EffectiveConfigMaps(config.SecurityLayer).Select(m => m.ToString()));
    }

    [Fact]
    public void Without_the_section_the_defaults_live_in_each_literal_security_namespace()
    {
        var config = ConfigText.Valid("""
            layers:
              security:
                subjects: [{kind: Group, name: security-team}]
                namespaces: [security, "audit-*"]
            """);

        Assert.Null(config.SelfProtection.ConfigMaps);
        Assert.Equal(
            ["security/compliance-scanner", "security/compliancescanner-exceptions"],
            config.SelfProtection.EffectiveConfigMaps(config.SecurityLayer).Select(m => m.ToString()));
    }

    [Fact]
    public void An_empty_list_protects_no_config_map()
    {
        var config = ConfigText.Valid("""
            layers:
              security:
                subjects: [{kind: Group, name: security-team}]
                namespaces: [security]
            scanner: {configMaps: []}
            """);

        Assert.Empty(config.SelfProtection.EffectiveConfigMaps(config.SecurityLayer));
    }

    [Fact]
    public void Bad_entries_name_the_entry_and_what_is_wrong()
    {
        var messages = ConfigText.Diagnose("""
            scanner:
              configMaps:
              - compliance-scanner
              - security/compliance-scanner/extra
              - Security/compliance-scanner
              - "security/*"
              - security/compliance-scanner
              - security/compliance-scanner
              - {namespace: security, name: x}
            """);

        Seq.Equal(
            [
                "scanner.yaml:5:5: error: scanner.configMaps[0]: \"compliance-scanner\" is not namespace/name. Hint: write the ConfigMap's namespace and name separated by one '/', e.g. \"security/compliance-scanner\".",
                "scanner.yaml:6:5: error: scanner.configMaps[1]: \"security/compliance-scanner/extra\" is not namespace/name. Hint: write the ConfigMap's namespace and name separated by one '/', e.g. \"security/compliance-scanner\".",
                "scanner.yaml:7:5: error: scanner.configMaps[2]: \"Security\" is not a valid namespace name: it must be at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit (globs are not allowed here).",
                "scanner.yaml:8:5: error: scanner.configMaps[3]: \"*\" is not a valid ConfigMap name: it must be at most 253 lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit (globs are not allowed here).",
                "scanner.yaml:10:5: error: scanner.configMaps[5]: ConfigMap \"security/compliance-scanner\" is listed twice (scanner.configMaps[4], line 9).",
                "scanner.yaml:11:5: error: scanner.configMaps[6]: expected a string, got a mapping.",
            ],
            messages);
    }

    [Fact]
    public void Unknown_fields_of_the_section_are_errors()
    {
        var messages = ConfigText.Diagnose("""
            scanner:
              configmaps: [security/compliance-scanner]
            """);

        Assert.Single(messages);
        Assert.Contains("scanner.configmaps", messages[0], StringComparison.Ordinal);
        Assert.Contains("unknown field", messages[0], StringComparison.Ordinal);
    }
}
