using System.Text.RegularExpressions;
using System.Xml.Linq;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Deploy.Tests.Docker;

public sealed partial class DockerfileTests
{
    private static readonly Dockerfile File_ = Dockerfile.Parse(File.ReadAllText(RepoPaths.At("Dockerfile")));

    [Fact]
    public void It_builds_tests_and_publishes_in_the_SDK_and_runs_on_the_ASP_NET_runtime()
    {
        Assert.Equal(["build", "test", "publish", "runtime"], File_.Stages.Select(s => s.Name));
        Assert.Matches(DotnetImage(), File_.Stages[0].From);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", File_.Stages[0].From, StringComparison.Ordinal);
        Assert.Equal("build", File_.Stages[1].From);
        Assert.Equal("build", File_.Stages[2].From);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", File_.Final.From, StringComparison.Ordinal);
        Assert.Contains(File_.Stages[2].All("RUN"), r => r.Arguments.Contains("dotnet publish src/ComplianceScanner/ComplianceScanner.csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_base_image_is_an_earlier_stage_or_a_dotnet_image_pinned_to_the_target_framework()
    {
        // The images' major.minor must be the projects' target framework (net10.0 -> 10.0), never latest or untagged.
        var framework = XDocument.Load(RepoPaths.At("Directory.Build.props")).Descendants("TargetFramework").Single().Value;
        Assert.Equal("net10.0", framework);
        var names = new List<string>();
        foreach (var stage in File_.Stages)
        {
            if (!names.Contains(stage.From))
            {
                var match = DotnetImage().Match(stage.From);
                Assert.True(match.Success, $"line {stage.Line}: FROM {stage.From} is neither an earlier stage nor a pinned mcr.microsoft.com/dotnet image");
                Assert.Equal(framework["net".Length..], match.Groups["version"].Value);
            }

            names.Add(stage.Name ?? string.Empty);
        }
    }

    [Fact]
    public void The_runtime_stage_runs_as_a_numeric_non_root_user()
    {
        var user = File_.Final.All("USER").LastOrDefault();

        Assert.NotNull(user);
        Assert.Matches("^[0-9]+(:[0-9]+)?$", user!.Arguments);
        Assert.NotEqual(0, int.Parse(user.Arguments.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(user.Line, File_.Final.Instructions.Where(i => i.Keyword is "USER" or "RUN").Last().Line);
    }

    [Fact]
    public void No_secret_is_baked_into_the_image()
    {
        var secretName = SecretName();
        foreach (var instruction in File_.Instructions.Where(i => i.Keyword is "ENV" or "ARG" or "LABEL"))
        {
            foreach (var name in Regex.Matches(instruction.Arguments, @"(?:^|\s)([A-Za-z_][A-Za-z0-9_.\-]*)=").Select(m => m.Groups[1].Value)
                .Concat(instruction.Keyword == "ARG" ? [instruction.Arguments.Split('=')[0]] : []))
            {
                Assert.False(secretName.IsMatch(name), $"{instruction}: '{name}' looks like a secret");
            }
        }

        Assert.DoesNotContain(File_.Instructions, i => i.Keyword == "ADD");
        foreach (var copy in File_.Instructions.Where(i => i.Keyword == "COPY"))
        {
            Assert.DoesNotContain(copy.Operands.SkipLast(1), s => KeyFile().IsMatch(s));
        }

        var ignore = DockerIgnore.Parse(File.ReadAllText(RepoPaths.At(".dockerignore")));
        Assert.Contains("**/*.pem", ignore.Patterns);
        Assert.Contains("**/*.key", ignore.Patterns);
    }

    [Fact]
    public void Every_COPY_source_exists_in_the_repository_and_is_in_the_build_context()
    {
        var ignore = DockerIgnore.Parse(File.ReadAllText(RepoPaths.At(".dockerignore")));
        var copies = File_.Instructions.Where(i => i.Keyword == "COPY" && !i.Flags.ContainsKey("from")).ToList();
        Assert.NotEmpty(copies);
        foreach (var copy in copies)
        {
            foreach (var source in copy.Operands.SkipLast(1))
            {
                var path = RepoPaths.At(source.TrimEnd('/'));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"{copy}: {source} does not exist in the repository");
                if (source != ".")
                {
                    Assert.True(ignore.Excluding(source.TrimEnd('/')) is null, $"{copy}: {source} is excluded by .dockerignore ({ignore.Excluding(source)})");
                }
            }
        }

        Assert.Equal("**/bin/", ignore.Excluding("src/ComplianceScanner/bin/Debug"));
        Assert.Null(ignore.Excluding("src/ComplianceScanner/Program.cs"));
    }

    [Fact]
    public void The_build_stage_copies_every_file_outside_src_that_a_project_includes()
    {
        // A project that embeds or copies a file from elsewhere in the repository (templates, the demo) builds only if
        // the build stage copied it: adding such an include without a COPY fails here rather than in docker build.
        var copied = File_.Stages[0].All("COPY").SelectMany(c => c.Operands.SkipLast(1)).Select(s => s.TrimEnd('/')).ToList();
        var outside = Directory.EnumerateFiles(RepoPaths.At("src"), "*.csproj", SearchOption.AllDirectories)
            .SelectMany(p => XDocument.Load(p).Descendants().Where(e => e.Name.LocalName != "ProjectReference").Select(e => e.Attribute("Include")?.Value))
            .OfType<string>()
            .Where(i => i.StartsWith("../../", StringComparison.Ordinal))
            .Select(i => i["../../".Length..].Split('*')[0].TrimEnd('/'))
            .Distinct()
            .ToList();

        Assert.NotEmpty(outside);
        Assert.All(outside, path => Assert.Contains(copied, c => path == c || path.StartsWith(c + "/", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_entrypoint_runs_the_agent_of_the_published_command_line()
    {
        var assembly = XDocument.Load(RepoPaths.At("src", "ComplianceScanner", "ComplianceScanner.csproj")).Descendants("AssemblyName").Single().Value;
        var entrypoint = File_.Final.All("ENTRYPOINT").Single().ExecForm;

        Assert.NotNull(entrypoint);
        var runsApp = entrypoint!.Count >= 2 && entrypoint[0] == "/app/" + assembly && entrypoint[1] == "agent";
        var runsDll = entrypoint.Count >= 3 && entrypoint[0] == "dotnet" && entrypoint[1] == assembly + ".dll" && entrypoint[2] == "agent";
        Assert.True(runsApp || runsDll, "ENTRYPOINT " + string.Join(' ', entrypoint));
        Assert.Contains(File_.Final.All("COPY"), c => c.Flags.GetValueOrDefault("from") == "publish" && c.Operands[^1] == "/app/");
        Assert.Contains(File_.Stages[2].All("RUN"), r => r.Arguments.Contains("-o /app", StringComparison.Ordinal));
    }

    [Fact]
    public void The_default_config_and_store_directory_are_where_the_agent_looks()
    {
        var cmd = File_.Final.All("CMD").Single().ExecForm!;
        Assert.Equal("/etc/compliance-scanner/scanner.yaml", cmd[cmd.ToList().IndexOf("--config") + 1]);
        Assert.Equal("/var/lib/compliance-scanner/scanner.db", cmd[cmd.ToList().IndexOf("--store") + 1]);
        Assert.Contains(File_.Final.All("COPY"), c => c.Operands.SequenceEqual(["deploy/base/scanner.yaml", "/etc/compliance-scanner/scanner.yaml"]));

        var user = File_.Final.All("USER").Last().Arguments;
        var store = File_.Final.All("COPY").Single(c => c.Operands[^1] == "/var/lib/compliance-scanner/");
        Assert.Equal($"{user}:{user}", store.Flags["chown"]);
        Assert.Contains(File_.Final.All("EXPOSE"), e => e.Arguments == "8080");
    }

    [Fact]
    public void The_image_carries_the_OCI_labels()
    {
        var labels = string.Join(' ', File_.Final.All("LABEL").Select(l => l.Arguments));

        foreach (var key in new[] { "title", "description", "version", "revision", "vendor", "base.name" })
        {
            Assert.Contains($"org.opencontainers.image.{key}=", labels, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_test_stage_runs_test_projects_that_exist()
    {
        var projects = Regex.Matches(string.Join(' ', File_.Stages[1].All("RUN").Select(r => r.Arguments)), @"dotnet test (\S+)")
            .Select(m => m.Groups[1].Value)
            .ToList();

        Assert.Contains("tests/ComplianceScanner.Deploy.Tests", projects);
        Assert.All(projects, p => Assert.True(Directory.Exists(RepoPaths.At(p)), p));
    }

    [Fact]
    public void The_parser_joins_continuation_lines_and_skips_comments()
    {
        var parsed = Dockerfile.Parse("# c\nFROM a:1 AS one\nRUN x \\\n  # inner\n  && y\nFROM one\nUSER 5\n");

        Assert.Equal(["one", null], parsed.Stages.Select(s => s.Name));
        Assert.Equal("x && y", Regex.Replace(parsed.Stages[0].Instructions.Single().Arguments, @"\s+", " "));
        Assert.Equal(3, parsed.Stages[0].Instructions.Single().Line);
        Assert.Equal("5", parsed.Final.All("USER").Single().Arguments);
    }

    [GeneratedRegex(@"^mcr\.microsoft\.com/dotnet/(sdk|aspnet|runtime|runtime-deps):(?<version>[0-9]+\.[0-9]+)(-[a-z0-9.-]+)?$")]
    private static partial Regex DotnetImage();

    [GeneratedRegex("PASSWORD|PASSWD|TOKEN|SECRET|KEY|CREDENTIAL", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"\.(pem|key|pfx|p12|crt)$|id_rsa|id_ed25519", RegexOptions.IgnoreCase)]
    private static partial Regex KeyFile();
}
