using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Validation;

/// <summary>A namespace name or glob claimed by a team or a cluster-wide layer, where it was written.</summary>
internal sealed record NamespaceClaim(ClaimOwner Owner, string Pattern, YamlNode Node, string Path);
