using System.Text;

namespace ComplianceScanner.Deploy.Tests.Docker;

/// <summary>A parsed Dockerfile: instructions (comments dropped, continuations joined) grouped into stages.</summary>
public sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerInstruction> instructions, IReadOnlyList<DockerStage> stages)
    {
        Instructions = instructions;
        Stages = stages;
    }

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    public IReadOnlyList<DockerStage> Stages { get; }

    public DockerStage Final => Stages[^1];

    public static Dockerfile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var instructions = new List<DockerInstruction>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var pending = new StringBuilder();
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }

            if (pending.Length == 0)
            {
                start = i + 1;
            }

            var continued = line.EndsWith('\\');
            pending.Append(continued ? line[..^1] : line).Append(' ');
            if (!continued)
            {
                Add(instructions, pending.ToString().Trim(), start);
                pending.Clear();
            }
        }

        if (pending.Length > 0)
        {
            Add(instructions, pending.ToString().Trim(), start);
        }

        var stages = new List<DockerStage>();
        for (var i = 0; i < instructions.Count; i++)
        {
            if (instructions[i].Keyword != "FROM")
            {
                continue;
            }

            var words = instructions[i].Operands;
            var name = words.Count == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
            var body = instructions.Skip(i + 1).TakeWhile(x => x.Keyword != "FROM").ToList();
            stages.Add(new DockerStage(words[0], name, instructions[i].Line, body));
        }

        return new Dockerfile(instructions, stages);
    }

    private static void Add(List<DockerInstruction> instructions, string text, int line)
    {
        var space = text.IndexOfAny([' ', '\t']);
        var keyword = (space < 0 ? text : text[..space]).ToUpperInvariant();
        instructions.Add(new DockerInstruction(keyword, space < 0 ? string.Empty : text[(space + 1)..].Trim(), line));
    }
}
