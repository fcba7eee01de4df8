using ComplianceScanner.Core.Layers;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>
/// A top-level section of scanner.yaml: its field name and the function that binds its node into the config.
/// Adding a section is one entry in <see cref="ScannerConfigBinder"/>'s table plus its binder.
/// </summary>
/// <param name="Name">The top-level field name.</param>
/// <param name="Bind">Binds the (non-null) section node at the given path and returns the config with the section applied.</param>
internal sealed record ConfigSection(string Name, Func<BindingContext, YamlNode, string, ScannerConfig, ScannerConfig> Bind);
