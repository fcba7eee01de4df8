using System.Collections.Immutable;
using ComplianceScanner.Core.Rules.Gateway;
using ComplianceScanner.Core.Rules.Ingress;
using ComplianceScanner.Core.Rules.Joins;
using ComplianceScanner.Core.Rules.Rbac;

namespace ComplianceScanner.Core.Rules;

/// <summary>Every rule the scanner knows, in id order. Adding a rule is one line here (plus its class, fixtures and doc page).</summary>
public static class RuleCatalogue
{
    public static ImmutableArray<IRule> All { get; } =
    [
        new HostOutsideTeamHostsRule(),
        new HostPathConflictRule(),
        new WildcardOrEmptyHostRule(),
        new IngressClassNotAllowedRule(),
        new UnresolvableIngressClassRule(),
        new MultipleDefaultClassesRule(),
        new TlsMissingRule(),
        new TlsHostsNotCoveredRule(),
        new TlsSecretInvalidRule(),
        new BackendServiceMissingRule(),
        new BackendPortMissingRule(),
        new ExternalNameBackendRule(),
        new TeamDefaultBackendRule(),
        new ForbiddenAnnotationRule(),
        new UnownedNamespaceRule(),
        new AnnotationInjectionRule(),
        new ControllerConfigRule(),
        new ControllerVersionRule(),
        new UndeclaredSubjectDutyRule(),
        new DutyOutsideLayerRule(),
        new TeamDutyOutsideNamespacesRule(),
        new ToxicCombinationRule(),
        new BroadIdentityDutyRule(),
        new EscalationPathRule(),
        new SelfExemptionRule(),
        new WildcardGrantRule(),
        new ClusterWideSecretReadRule(),
        new PrivilegedRoleBindingRule(),
        new UnauthenticatedAccessRule(),
        new AdmissionControlTamperingRule(),
        new DanglingBindingRule(),
        new UnusedRoleRule(),
        new AggregationInjectionRule(),
        new DangerousVerbsRule(),
        new RouteHostOutsideTeamHostsRule(),
        new ListenerAdmitsAllNamespacesRule(),
        new ListenerMutableSelectorRule(),
        new ListenerHostnameNotDelegatedRule(),
        new ReferenceWithoutGrantRule(),
        new BroadReferenceGrantRule(),
        new RouteGatewayNotAllowedRule(),
        new SnippetIngressWriterRule(),
        new IngressClassWriterRule(),
        new NamespaceLabelerRule(),
    ];

    /// <summary>Descriptors of all rules, including those the evaluator produces itself.</summary>
    public static ImmutableArray<RuleDescriptor> Descriptors { get; } =
        [.. All.Select(r => r.Descriptor).Append(GovernanceRules.ExpiredException).Append(GovernanceRules.StaleException).OrderBy(d => d.Id, StringComparer.Ordinal)];

    /// <summary>
    /// Digest of the catalogue (ids, titles, severities, layers): changes whenever a rule is added or its judgement
    /// changes, so history and evidence can tell which rule set produced a result.
    /// </summary>
    public static string Version { get; } = ComputeVersion();

    private static string ComputeVersion()
    {
        var text = string.Join('\n', Descriptors.Select(d => $"{d.Id}|{d.Title}|{d.Severity}|{d.Layer}"));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..12];
    }
}
