using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Permissions;

/// <summary>A binding whose roleRef resolves to nothing: it grants nothing (and would grant once the role is created).</summary>
/// <param name="Binding">The binding.</param>
/// <param name="Reason">Why it does not resolve.</param>
/// <param name="Message">A sentence naming the binding and the missing role.</param>
public sealed record DanglingBinding(RbacBinding Binding, DanglingReason Reason, string Message)
{
    public override string ToString() => Message;
}
