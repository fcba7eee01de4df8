using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace ComplianceScanner.History.Tests;

/// <summary>
/// Turns a current store back into an older schema version, to test the forward migrations. The tables to drop are
/// read from <see cref="StoreSchema.Migrations"/>, so a migration added later is rolled back too without editing the tests.
/// </summary>
internal static partial class SchemaRollback
{
    /// <summary>Drops every table created by migrations after <paramref name="version"/> and sets the version.</summary>
    public static void ToVersion(string path, int version)
    {
        var tables = StoreSchema.Migrations.Skip(version)
            .SelectMany(m => CreateTable().Matches(m).Select(x => x.Groups[1].Value))
            .ToList();
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = string.Concat(tables.Select(t => $"DROP TABLE {t};\n"))
            + string.Create(CultureInfo.InvariantCulture, $"UPDATE schema_version SET version = {version};");
        cmd.ExecuteNonQuery();
    }

    [GeneratedRegex(@"CREATE TABLE (\w+)")]
    private static partial Regex CreateTable();
}
