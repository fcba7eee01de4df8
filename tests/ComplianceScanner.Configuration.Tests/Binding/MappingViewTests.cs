namespace ComplianceScanner.Configuration.Tests.Binding;

public sealed class MappingViewTests
{
    [Fact]
    public void Unknown_field_without_a_close_match_lists_the_known_fields()
    {
        var messages = ConfigText.Diagnose("ingress: {blockedAnnotations: [x]}\n");

        Seq.Equal(
            ["scanner.yaml:3:11: error: ingress.blockedAnnotations: unknown field \"blockedAnnotations\". Known fields here: forbiddenAnnotations, defaultBackendAllowedNamespaces."],
            messages);
    }

    [Fact]
    public void Required_field_present_without_a_value_points_at_the_key()
    {
        var messages = ConfigText.Diagnose("cluster:\n  name:\n");

        Seq.Equal(["scanner.yaml:4:3: error: cluster.name: required field \"name\" has no value."], messages);
    }

    [Fact]
    public void Complex_key_is_a_type_error()
    {
        var messages = ConfigText.Diagnose("cluster: {[a, b]: demo, name: x}\n");

        Seq.Equal(["scanner.yaml:3:11: error: cluster: expected a plain field name as key, got a list."], messages);
    }

    [Fact]
    public void Merge_key_is_explained_rather_than_suggested()
    {
        var messages = ConfigText.Diagnose("cluster:\n  <<: {name: demo}\n  name: demo\n");

        Seq.Equal(["scanner.yaml:4:3: error: cluster.<<: unknown field \"<<\". YAML merge keys are not supported. Hint: write the fields out."], messages);
    }
}
