using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Tests.Cli;

/// <summary>Every console example in docs/queries.md is run from the repository root and must print exactly what the page shows.</summary>
public sealed class QueriesDocTests
{
    private const string Prompt = "$ compliance-scanner ";

    public static TheoryData<string> Commands => [.. Examples().Select(e => e.Command)];

    [Theory]
    [MemberData(nameof(Commands))]
    public void The_documented_output_is_the_actual_output(string command)
    {
        var expected = Examples().Single(e => e.Command == command).Output;

        var r = CliRunner.Run(RepoPaths.Root, command.Split(' '));

        // The page shows what a terminal shows: warnings and errors (stderr) come before the answer.
        Assert.Equal(expected, r.Error + r.Out);
    }

    [Fact]
    public void The_page_has_examples_of_both_commands()
    {
        Assert.Contains(Examples(), e => e.Command.StartsWith("can-i ", StringComparison.Ordinal));
        Assert.Contains(Examples(), e => e.Command.StartsWith("who-can ", StringComparison.Ordinal));
    }

    private static List<(string Command, string Output)> Examples()
    {
        var lines = File.ReadAllLines(RepoPaths.At("docs", "queries.md"));
        var result = new List<(string, string)>();
        var inConsole = false;
        string? command = null;
        var output = new List<string>();
        void Flush()
        {
            if (command is not null)
            {
                result.Add((command, string.Concat(output.Select(l => l + "\n"))));
            }

            command = null;
            output.Clear();
        }

        foreach (var line in lines)
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                Flush();
                inConsole = line == "```console";
                continue;
            }

            if (!inConsole)
            {
                continue;
            }

            if (line.StartsWith(Prompt, StringComparison.Ordinal))
            {
                Flush();
                command = line[Prompt.Length..];
            }
            else
            {
                output.Add(line);
            }
        }

        return result;
    }
}
