namespace ComplianceScanner.Configuration.Tests;

public sealed class ConfigDiagnosticTests
{
    [Fact]
    public void ToString_is_file_line_column_severity_field_message()
    {
        var d = new ConfigDiagnostic("scanner.yaml", 12, 7, "layers.namespace.teams[0].hosts[1]", "invalid host.", DiagnosticSeverity.Error, ConfigDiagnosticCodes.InvalidHost);

        Assert.Equal("scanner.yaml:12:7: error: layers.namespace.teams[0].hosts[1]: invalid host.", d.ToString());
    }

    [Fact]
    public void ToString_leaves_out_an_unknown_position_and_an_empty_field()
    {
        var d = new ConfigDiagnostic("x.yaml", 0, 0, string.Empty, "gone.", DiagnosticSeverity.Warning, ConfigDiagnosticCodes.FileNotFound);

        Assert.Equal("x.yaml: warning: gone.", d.ToString());
    }
}
