using YamlDotNet.Core;

namespace ComplianceScanner.Configuration.Yaml;

/// <summary>A key that appeared twice in one mapping; the second occurrence and its value were dropped.</summary>
internal sealed record DuplicateYamlKey(string Key, string Path, Mark At, Mark First);
