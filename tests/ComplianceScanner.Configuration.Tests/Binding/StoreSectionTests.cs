using ComplianceScanner.Core.Layers;

namespace ComplianceScanner.Configuration.Tests.Binding;

public sealed class StoreSectionTests
{
    [Fact]
    public void Absent_store_section_means_no_history()
    {
        var config = ConfigText.Valid("cluster: {name: a}\n");

        Assert.Null(config.Store);
    }

    [Fact]
    public void Empty_store_section_uses_the_default_path_beside_the_config_and_default_retention()
    {
        var config = ConfigText.Valid("store: {}\n");

        Assert.NotNull(config.Store);
        Assert.Equal(Path.GetFullPath("data/scanner.db", ConfigText.BaseDirectory), config.Store.Path);
        Assert.Equal(StoreSettings.DefaultRetentionScans, config.Store.RetentionScans);
        Assert.Equal(StoreSettings.DefaultRetentionDays, config.Store.RetentionDays);
    }

    [Fact]
    public void Path_and_retention_are_read_and_the_path_is_relative_to_the_config_file()
    {
        var config = ConfigText.Valid("store: {path: ./history/scans.db, retention: {scans: 30, days: 7}}\n");

        Assert.Equal(Path.GetFullPath("history/scans.db", ConfigText.BaseDirectory), config.Store!.Path);
        Assert.Equal(30, config.Store.RetentionScans);
        Assert.Equal(7, config.Store.RetentionDays);
    }

    [Fact]
    public void Retention_must_be_positive_whole_numbers_and_unknown_fields_are_reported()
    {
        var messages = ConfigText.Diagnose("""
            store:
              path: ""
              retention: {scans: 0, days: 1.5, weeks: 2}
            """);

        Seq.Equal(
            [
                "scanner.yaml:4:9: error: store.path: must be a file path, got \"\".",
            ],
            messages);

        messages = ConfigText.Diagnose("""
            store:
              retention: {scans: 0, days: 1.5, weeks: 2}
            """);

        Seq.Equal(
            [
                "scanner.yaml:4:22: error: store.retention.scans: must be a whole number of at least 1, got \"0\".",
                "scanner.yaml:4:31: error: store.retention.days: must be a whole number of at least 1, got \"1.5\".",
                "scanner.yaml:4:36: error: store.retention.weeks: unknown field \"weeks\". Known fields here: scans, days.",
            ],
            messages);
    }
}
