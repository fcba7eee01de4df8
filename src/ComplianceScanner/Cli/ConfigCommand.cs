using System.CommandLine;

namespace ComplianceScanner.Cli;

/// <summary><c>config validate</c>: load scanner.yaml, print every problem with file:line:column, exit 2 if there is any.</summary>
internal static class ConfigCommand
{
    public static Command Create(CliEnvironment env)
    {
        var configOption = CommonOptions.Config();
        var validate = new Command("validate", "Check scanner.yaml and print every problem with file, line and column (exit 2 on any problem, expired exceptions included).")
        {
            configOption,
        };
        validate.SetAction(parse =>
        {
            var loaded = ConfigResolver.Load(parse.GetValue(configOption), env, warningsAreErrors: true);
            if (loaded is null)
            {
                return ExitCodes.UsageOrConfig;
            }

            var c = loaded.Config;
            env.Out.WriteLine(
                $"{c.FilePath}: valid ({c.Teams.Length} team(s), {c.Duties.Count} dut{(c.Duties.Count == 1 ? "y" : "ies")}, {c.Separation.Length} separation rule(s), {c.Exceptions.Length} exception(s))");
            return ExitCodes.Ok;
        });
        return new Command("config", "Work with scanner.yaml.") { validate };
    }
}
