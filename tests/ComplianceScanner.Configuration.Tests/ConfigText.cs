using ComplianceScanner.Core.Layers;

namespace ComplianceScanner.Configuration.Tests;

/// <summary>Loads config text the way the tests need it: a fixed date, a fixed base directory, and diagnostics as text.</summary>
public static class ConfigText
{
    public static readonly DateOnly Today = new(2026, 6, 1);

    /// <summary>The two required lines; a body appended to it starts at line 3.</summary>
    public const string Header = "apiVersion: compliancescanner.io/v1\nkind: ScannerConfig\n";

    public const string BaseDirectory = "/configs/prod";

    public static ConfigLoadResult Load(string yaml) => ConfigLoader.LoadText(yaml, "scanner.yaml", Today, BaseDirectory);

    /// <summary>Loads <see cref="Header"/> + body and returns every diagnostic as its one-line text.</summary>
    public static string[] Diagnose(string body) => Messages(Load(Header + body));

    public static string[] Messages(ConfigLoadResult result) => [.. result.Diagnostics.Select(d => d.ToString())];

    /// <summary>Loads a config that must be valid and returns it.</summary>
    public static ScannerConfig Valid(string body)
    {
        var result = Load(Header + body);
        Assert.Empty(Messages(result));
        Assert.NotNull(result.Config);
        return result.Config;
    }
}
