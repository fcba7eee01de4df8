using System.Text;
using ComplianceScanner.Configuration;
using ComplianceScanner.Fuzz.Tests.Harness;
using ComplianceScanner.Snapshot.Manifests;

namespace ComplianceScanner.Fuzz.Tests;

/// <summary>The exact diagnostics for what fuzzing found: each crashed, hung or printed a megabyte before its fix.</summary>
public sealed class HostileInputRegressionTests
{
    [Fact]
    public void Invalid_utf8_in_a_json_manifest_is_an_error_naming_offset_and_line_instead_of_a_crash()
    {
        var result = LoadManifest("{\"apiVersion\": \"v1\",\n \"kind\": \"Namespace\", \"metadata\": {\"name\": \"a\u00ff\"}}"u8.ToArray().Select(b => b == 0xBF ? (byte)0xC3 : b).ToArray());

        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains("not valid UTF-8 (first bad byte at offset", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Snapshot.Namespaces);
    }

    [Fact]
    public void Invalid_utf8_in_a_yaml_manifest_is_refused_rather_than_read_with_replacement_characters()
    {
        var result = LoadManifest([.. "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a"u8, 0xFF, (byte)'\n']);

        var error = Assert.Single(result.Errors);
        Assert.Equal(4, error.Line);
        Assert.Contains("offset 50", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_utf16_manifest_with_a_lone_surrogate_is_an_error_not_a_silent_replacement()
    {
        var result = LoadManifest(CorpusTests.Read("manifests", "utf16le-lone-surrogate.yaml"));

        Assert.Contains("not valid UTF-16", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_unterminated_flow_nesting_stops_at_the_depth_bound_and_the_next_document_still_loads()
    {
        var text = "[" + new string('[', 200_000) + "\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: after\n";

        var result = new ManifestLoader(1).LoadText(text, "deep.yaml");

        Assert.Contains("nesting is deeper than 1000 levels", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
        Assert.Equal("after", Assert.Single(result.Snapshot.Namespaces).Metadata.Name);
    }

    [Fact]
    public void An_unclosed_flow_mapping_is_a_syntax_error_not_an_invalid_operation()
    {
        var result = LoadManifest(CorpusTests.Read("manifests", "unclosed-flow-mapping.yaml"));

        Assert.All(result.Errors, e => Assert.StartsWith("YAML syntax error", e.Message, StringComparison.Ordinal));
        Assert.NotEmpty(result.Errors);
    }

    [Theory]
    [InlineData("\\uDC00\\uDC00")]
    [InlineData("a\\uD800\\u0041")]
    public void A_surrogate_escape_followed_by_a_non_surrogate_escape_is_a_syntax_error_in_both_loaders(string escape)
    {
        var manifest = new ManifestLoader(1).LoadText($"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: \"{escape}\"\n", "m.yaml");
        var config = ConfigLoader.LoadText($"apiVersion: compliancescanner.io/v1\nkind: ScannerConfig\ncluster:\n  name: \"{escape}\"\n", "scanner.yaml", ConfigProperty.Today);

        Assert.Contains("escape sequence that is not a valid character", Assert.Single(manifest.Errors).Message, StringComparison.Ordinal);
        Assert.Contains(config.Errors, d => d.Message.Contains("escape sequence that is not a valid character", StringComparison.Ordinal) && d.Line == 4);
        Assert.Null(config.Config);
    }

    [Fact]
    public void A_huge_key_is_cut_in_manifest_warnings_saying_how_long_it_was()
    {
        var key = new string('k', 50_000);
        var result = new ManifestLoader(1).LoadText($"{{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {{\"name\": \"a\"}}, \"{key}\": 1}}", "m.json");

        var warning = Assert.Single(result.Warnings);
        Assert.InRange(warning.Message.Length, 1, 1_100);
        Assert.Contains("(50000 characters)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_value_is_cut_in_config_diagnostics_and_their_hints()
    {
        var value = new string('v', 20_000);
        var result = ConfigLoader.LoadText($"apiVersion: compliancescanner.io/v1\nkind: ScannerConfig\nlayers:\n  namespace: {value}\n", "scanner.yaml", ConfigProperty.Today);

        Assert.NotEmpty(result.Errors);
        Assert.All(result.Diagnostics, d => Assert.InRange(d.ToString().Length, 1, 1_200));
        Assert.Contains(result.Errors, d => d.Message.Contains("(20000 characters)", StringComparison.Ordinal));
    }

    [Fact]
    public void Terminal_escapes_in_keys_and_names_are_escaped_in_diagnostics()
    {
        var manifest = LoadManifest(CorpusTests.Read("manifests", "terminal-escapes-in-names.yaml"));
        var config = ConfigLoader.LoadText(Encoding.UTF8.GetString(CorpusTests.Read("config", "terminal-escapes-and-duplicates.yaml")), "scanner.yaml", ConfigProperty.Today);

        var texts = manifest.Errors.Select(e => e.ToString()).Concat(manifest.Warnings.Select(w => w.ToString())).Concat(config.Diagnostics.Select(d => d.ToString())).ToList();
        Assert.True(manifest.Errors.Length + manifest.Warnings.Length >= 2);
        Assert.NotEmpty(config.Errors);
        Assert.All(texts, t => Assert.DoesNotContain(t, c => char.IsControl(c)));
        Assert.Contains(texts, t => t.Contains("\\u001b", StringComparison.Ordinal));
    }

    [Fact]
    public void A_mapping_key_left_without_a_value_is_a_syntax_error_in_the_config_not_an_argument_exception()
    {
        var result = ConfigLoader.LoadText(Encoding.UTF8.GetString(CorpusTests.Read("config", "key-without-value-in-block-mapping.yaml")), "scanner.yaml", ConfigProperty.Today);

        var error = Assert.Single(result.Errors);
        Assert.Equal((8, "yaml-syntax"), (error.Line, error.Code));
        Assert.Contains("a mapping key has no value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deep_value_after_a_duplicate_key_stops_at_the_depth_bound_instead_of_hanging()
    {
        var result = ConfigLoader.LoadText(Encoding.UTF8.GetString(CorpusTests.Read("config", "deep-value-of-duplicate-key.yaml")), "scanner.yaml", ConfigProperty.Today);

        Assert.Contains(result.Errors, d => d.Code == "yaml-too-deep" && d.Line == 4);
        Assert.Contains(result.Errors, d => d.Code == "duplicate-key" && d.Line == 4);
    }

    private static ManifestLoadResult LoadManifest(byte[] bytes) => new ManifestLoader(1).LoadBytes([(bytes, "m.yaml")]);
}
