using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Tests.Cli;

public sealed class ConfigValidateTests
{
    [Fact]
    public void The_repository_scanner_yaml_is_valid()
    {
        var r = CliRunner.Run(RepoPaths.Root, "config", "validate");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains(": valid (", r.Out, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string[]> BrokenConfigs() => new()
    {
        {
            "unknown field",
            """
            apiVersion: compliancescanner.io/v1
            kind: ScannerConfig
            clustr: {name: x}
            """,
            ["broken.yaml:3:1", "clustr"]
        },
        {
            "unknown duty",
            """
            apiVersion: compliancescanner.io/v1
            kind: ScannerConfig
            layers:
              cluster:
                subjects: [{kind: Group, name: ops}]
                duties: [route-edting]
            """,
            ["broken.yaml:6:", "route-edting"]
        },
        {
            "yaml syntax",
            "apiVersion: compliancescanner.io/v1\nkind: ScannerConfig\nlayers: [\n",
            ["broken.yaml:"]
        },
        {
            "namespace claimed twice",
            """
            apiVersion: compliancescanner.io/v1
            kind: ScannerConfig
            layers:
              namespace:
                teams:
                - {name: a, subjects: [{kind: Group, name: ga}], namespaces: [shop]}
                - {name: b, subjects: [{kind: Group, name: gb}], namespaces: [shop]}
            """,
            ["broken.yaml:7:", "shop"]
        },
        {
            "bad host and malformed exception",
            """
            apiVersion: compliancescanner.io/v1
            kind: ScannerConfig
            layers:
              namespace:
                teams:
                - {name: a, subjects: [{kind: Group, name: ga}], namespaces: [a], hosts: ["shop.*.com"]}
            exceptions:
            - {rule: SOD-ING-003, object: a/x, reason: r, approvedBy: me, expires: someday}
            """,
            ["broken.yaml:6:", "shop.*.com", "broken.yaml:8:", "expires"]
        },
    };

    [Theory]
    [MemberData(nameof(BrokenConfigs))]
    public void Broken_configs_exit_two_with_line_numbers_and_no_stack_trace(string name, string yaml, string[] expected)
    {
        using var dir = new TempDirectory();
        dir.File("broken.yaml", yaml);
        foreach (var args in new[] { new[] { "config", "validate", "--config", "broken.yaml" }, ["scan", "--config", "broken.yaml"] })
        {
            var r = CliRunner.Run(dir.Path, args);
            Assert.True(r.ExitCode == 2, $"{name}: {r}");
            Assert.False(r.HasStackTrace, r.ToString());
            Assert.All(expected, e => Assert.Contains(e, r.Error, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Missing_config_file_is_named()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run(dir.Path, "config", "validate", "--config", "nope.yaml");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config file not found: nope.yaml", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Expired_exception_fails_validate_but_scan_reports_it_as_a_finding()
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", """
            apiVersion: compliancescanner.io/v1
            kind: ScannerConfig
            exceptions:
            - {rule: SOD-ING-003, object: a/x, reason: r, approvedBy: me, expires: 2026-01-01}
            """);
        dir.File("m/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n");
        Assert.Equal(2, CliRunner.Run(dir.Path, "config", "validate").ExitCode);
        var scan = CliRunner.Run(dir.Path, "scan", "--from", "m", "--format", "json");
        Assert.True(scan.ExitCode == 0, scan.ToString());
        Assert.Contains("SOD-GOV-001", File.ReadAllText(Path.Combine(dir.Path, "out", "report.json")), StringComparison.Ordinal);
    }
}
