using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Permissions;

/// <summary>
/// Information only: a binding names a ServiceAccount the input does not contain, although it contains other
/// ServiceAccounts of that namespace. The grant is still counted (anyone who creates the ServiceAccount receives it).
/// </summary>
/// <param name="ServiceAccount">The subject, namespace resolved.</param>
/// <param name="Binding">The binding naming it.</param>
public sealed record UnresolvedServiceAccount(Subject ServiceAccount, RbacBinding Binding);
