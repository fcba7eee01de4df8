using System.Collections.Immutable;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Cli;

/// <summary>A parsed <c>VERB (TYPE | TYPE/NAME | NONRESOURCEURL)</c> question: the request the authorizer decides, and what to warn about.</summary>
/// <param name="Request">The request, as the API server would build it for the real call.</param>
/// <param name="Resource">How TYPE resolved; null for non-resource URLs.</param>
/// <param name="Warnings">kubectl-style warnings (unknown type, unknown verb, namespace ignored), printed on stderr.</param>
internal sealed record AccessQuery(AuthorizationRequest Request, ResourceResolution? Resource, ImmutableArray<string> Warnings);
