using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules.Gateway;

/// <summary>A Route attached to one listener of a Gateway through one of its parentRefs (the listener admits it).</summary>
public sealed record GatewayAttachment(GatewayReference ParentRef, Model.Gateway Gateway, GatewayListener Listener);
