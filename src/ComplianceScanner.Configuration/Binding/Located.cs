using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>A bound value with the node it came from and its field path, for checks that relate values across the file.</summary>
internal readonly record struct Located<T>(T Value, YamlNode Node, string Path);
