using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Permissions;

/// <summary>
/// A binding subject the authorizer can never match: a ServiceAccount without namespace in a ClusterRoleBinding, or a
/// kind other than User, Group and ServiceAccount (kinds are case-sensitive).
/// </summary>
/// <param name="Binding">The binding.</param>
/// <param name="SubjectIndex">Zero-based index in the binding's subjects.</param>
/// <param name="Subject">The subject as written.</param>
/// <param name="Reason">Why it never matches.</param>
public sealed record IneffectiveSubject(RbacBinding Binding, int SubjectIndex, Subject Subject, string Reason);
