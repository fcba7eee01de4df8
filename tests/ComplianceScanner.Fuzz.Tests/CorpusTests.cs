using ComplianceScanner.Fuzz.Tests.Generation;
using ComplianceScanner.Fuzz.Tests.Harness;

namespace ComplianceScanner.Fuzz.Tests;

/// <summary>
/// The interesting inputs kept from fuzzing (Corpus/README.md says what each found) and hand-written hostile files:
/// each must still meet the loader's property. A new crash found by a long run is added here as a file.
/// </summary>
public sealed class CorpusTests
{
    public static TheoryData<string> ManifestFiles => Files("manifests");

    public static TheoryData<string> ConfigFiles => Files("config");

    [Theory]
    [MemberData(nameof(ManifestFiles))]
    public void Manifest_corpus_file_loads_or_fails_with_a_clear_error_within_bounds(string name) =>
        ManifestProperty.Check(Case("manifests", name));

    [Theory]
    [MemberData(nameof(ConfigFiles))]
    public void Config_corpus_file_loads_or_fails_with_clear_diagnostics_within_bounds(string name) =>
        ConfigProperty.Check(Case("config", name));

    [Fact]
    public void Corpus_has_files_for_both_loaders()
    {
        Assert.True(ManifestFiles.Count >= 10);
        Assert.True(ConfigFiles.Count >= 10);
    }

    internal static byte[] Read(string folder, string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Corpus", folder, name));

    private static FuzzCase Case(string folder, string name) => new(name, Read(folder, name), Pristine: false, JsonTwin: null);

    private static TheoryData<string> Files(string folder)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Corpus", folder)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }
}
