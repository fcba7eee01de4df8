namespace ComplianceScanner.Core.Permissions;

/// <summary>
/// What a binding subject matches in a <see cref="UserInfo"/>: a user name (User subjects, and ServiceAccount subjects as
/// <c>system:serviceaccount:ns:name</c>) or a group name.
/// </summary>
internal readonly record struct SubjectKey(bool IsGroup, string Name);
