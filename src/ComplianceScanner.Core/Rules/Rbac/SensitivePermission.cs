namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>One sensitive permission a rule allows.</summary>
/// <param name="ApiGroup">API group (<c>""</c> for core).</param>
/// <param name="Resource">Resource, or <c>resource/subresource</c>.</param>
/// <param name="Verb">The verb.</param>
/// <param name="ClusterScoped">The resource is cluster-scoped, so only a ClusterRoleBinding grants it.</param>
public sealed record SensitivePermission(string ApiGroup, string Resource, string Verb, bool ClusterScoped);
