using ComplianceScanner.Core.Model;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Validation;

/// <summary>A subject declared in a layer or team, where it was written.</summary>
internal sealed record SubjectClaim(Subject Subject, ClaimOwner Owner, YamlNode Node, string Path);
