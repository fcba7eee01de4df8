namespace ComplianceScanner.Core.Findings;

/// <summary>
/// One step of a finding's evidence: for Ingress an object and field path with the offending value, for RBAC one link
/// of the chain subject -> binding -> role -> rule.
/// </summary>
/// <param name="Kind">What this step is: <c>field</c>, <c>boundary</c>, <c>subject</c>, <c>binding</c>, <c>role</c>, <c>rule</c>, <c>object</c>.</param>
/// <param name="Reference">The object or path, e.g. <c>Ingress/shop/promo</c> or <c>spec.rules[0].host</c>.</param>
/// <param name="Detail">The value or the reason, e.g. the host, or the allowed hosts that were crossed.</param>
public sealed record Evidence(string Kind, string Reference, string Detail);
