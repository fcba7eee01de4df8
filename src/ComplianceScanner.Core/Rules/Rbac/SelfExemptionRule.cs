using System.Collections.Immutable;
using ComplianceScanner.Core.Duties;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// SOD-RBAC-015: a subject outside the security layer can change what the scanner judges by: its own ConfigMaps
/// (configuration and exceptions, <c>scanner.configMaps</c>) or the admission policies that enforce the boundaries
/// (ValidatingAdmissionPolicies, MutatingAdmissionPolicies and their bindings). It could exempt itself.
/// </summary>
/// <remarks>
/// Each write is asked of the authorizer with the object's name, so grants limited by resourceNames count exactly for
/// the objects they name. A ConfigMap that does not exist yet can be created by whoever may create ConfigMaps in its
/// namespace, which then writes its content.
/// </remarks>
public sealed class SelfExemptionRule : DutyRuleBase
{
    private static readonly string[] NamedWrites = ["update", "patch", "delete"];

    private static readonly (string Kind, string Resource)[] PolicyResources =
    [
        ("ValidatingAdmissionPolicy", "validatingadmissionpolicies"),
        ("ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings"),
        ("MutatingAdmissionPolicy", "mutatingadmissionpolicies"),
        ("MutatingAdmissionPolicyBinding", "mutatingadmissionpolicybindings"),
    ];

    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-RBAC-015",
        "Subject outside the security layer can exempt itself from the scanner",
        Severity.High,
        Layer.Security,
        "rbac",
        "Take write access to the scanner's ConfigMaps and to admission policies away from everyone outside the security layer (grant it to the security layer only, limited by resourceNames where possible); list the scanner's ConfigMaps in scanner.configMaps if they live elsewhere.")
    {
        Inputs = RuleInputs.Rbac,
    };

    /// <summary>The writes that would let a subject exempt itself: each with the target it changes (its finding key part).</summary>
    internal static ImmutableArray<(string Target, AuthorizationRequest Request)> Writes(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = ImmutableArray.CreateBuilder<(string, AuthorizationRequest)>();
        var configMapsKnown = !context.IsMissing("configmaps");
        var existing = context.Snapshot.ConfigMaps.Select(c => (c.Metadata.Namespace, c.Metadata.Name)).ToHashSet();
        foreach (var map in context.Config.SelfProtection.EffectiveConfigMaps(context.Config.SecurityLayer))
        {
            var target = map.ToString();
            foreach (var verb in NamedWrites)
            {
                result.Add((target, AuthorizationRequest.ForResource(verb, string.Empty, "configmaps", map.Namespace, map.Name)));
            }

            result.Add((target, AuthorizationRequest.ForResource("deletecollection", string.Empty, "configmaps", map.Namespace)));
            if (configMapsKnown && !existing.Contains((map.Namespace, map.Name)))
            {
                result.Add((target, AuthorizationRequest.ForResource("create", string.Empty, "configmaps", map.Namespace)));
            }
        }

        foreach (var (kind, resource) in PolicyResources)
        {
            foreach (var verb in (string[])["create", "update", "patch", "delete", "deletecollection"])
            {
                result.Add((resource, AuthorizationRequest.ForResource(verb, "admissionregistration.k8s.io", resource)));
            }

            foreach (var policy in context.Snapshot.AdmissionObjects.Where(a => a.Kind == kind).Select(a => a.Metadata.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                foreach (var verb in NamedWrites)
                {
                    result.Add((resource, AuthorizationRequest.ForResource(verb, "admissionregistration.k8s.io", resource, name: policy)));
                }
            }
        }

        return result.ToImmutable();
    }

    protected override IEnumerable<Subject> Candidates(EvaluationContext context)
    {
        var index = context.Permissions;
        return Writes(context)
            .SelectMany(w => index.WhoCan(w.Request, includeSystemMasters: false))
            .Select(a => SubjectIdentity.Canonical(a.Subject))
            .Distinct()
            .Order(SubjectOrder.Instance);
    }

    protected override IEnumerable<Finding> EvaluateSubject(EvaluationContext context, Subject subject)
    {
        var analysis = context.Duties;
        var declaration = analysis.Declaration(subject);
        if (declaration.Layer == Layer.Security || UserFor(subject) is not { } user)
        {
            yield break;
        }

        var perBinding = new Dictionary<RbacBinding, (List<Grant> Grants, SortedDictionary<string, List<string>> Targets)>(ReferenceEqualityComparer.Instance);
        foreach (var (target, request) in Writes(context))
        {
            var seen = new HashSet<RbacBinding>(ReferenceEqualityComparer.Instance);
            foreach (var grant in context.Permissions.Authorize(user, request, collectAll: true).Matches)
            {
                // The first allowing rule of each binding, as the authorizer would report it.
                if (grant.Kind != GrantKind.Binding || !seen.Add(grant.Binding!))
                {
                    continue;
                }

                if (!perBinding.TryGetValue(grant.Binding!, out var v))
                {
                    perBinding[grant.Binding!] = v = ([], new SortedDictionary<string, List<string>>(StringComparer.Ordinal));
                }

                if (!v.Grants.Exists(g => g.RuleIndex == grant.RuleIndex))
                {
                    v.Grants.Add(grant);
                }

                if (!v.Targets.TryGetValue(target, out var verbs))
                {
                    v.Targets[target] = verbs = [];
                }

                // A named admission policy is listed with its name, unless the subject may write every policy that way.
                var verb = request.Name.Length > 0 && request.Resource != "configmaps" ? $"{request.Verb} {request.Name}" : request.Verb;
                if (!verbs.Contains(verb) && !verbs.Contains(request.Verb))
                {
                    verbs.Add(verb);
                }
            }
        }

        foreach (var (binding, (grants, targets)) in perBinding.OrderBy(p => p.Key, BindingOrder.Instance))
        {
            var evidence = DutyEvidence.Chain(declaration, binding, grants)
                .Concat(targets.Select(t => new Evidence("target", TargetReference(t.Key), string.Join(", ", t.Value))));
            var finding = Descriptor.Finding(
                binding,
                $"{subject} ({Who(declaration)}) can change {Describe([.. targets.Keys])} through {DutyEvidence.Via(binding)}: outside the security layer, it could exempt itself from the scan.",
                string.Join(',', targets.Keys),
                evidence,
                subject,
                team: DutyEvidence.TeamOf(analysis, declaration, binding));
            yield return DutyEvidence.Mark(finding, DutyEvidence.IsBuiltin(declaration, binding));
        }
    }

    /// <summary>The identity of a binding subject alone, without implicit groups (those are judged as subjects of their own).</summary>
    private static UserInfo? UserFor(Subject subject) => subject.Kind switch
    {
        Subject.UserKind => new UserInfo(subject.Name, []),
        Subject.ServiceAccountKind when !string.IsNullOrEmpty(subject.Namespace) => new UserInfo(UserInfo.ServiceAccountUserName(subject.Namespace, subject.Name), []),
        Subject.GroupKind => new UserInfo(string.Empty, [subject.Name]),
        _ => null,
    };

    private static bool IsConfigMap(string target) => target.Contains('/', StringComparison.Ordinal);

    private static string TargetReference(string target) => IsConfigMap(target) ? $"ConfigMap/{target}" : $"{target}.admissionregistration.k8s.io";

    private static string Describe(List<string> targets)
    {
        var parts = new List<string>();
        var maps = targets.Where(IsConfigMap).ToList();
        if (maps.Count > 0)
        {
            parts.Add($"the scanner's ConfigMap{(maps.Count > 1 ? "s" : string.Empty)} {DutyEvidence.And(maps)}");
        }

        var policies = targets.Where(t => !IsConfigMap(t)).ToList();
        if (policies.Count > 0)
        {
            parts.Add($"admission policies ({DutyEvidence.And(policies)})");
        }

        return DutyEvidence.And(parts);
    }

    private static string Who(SubjectDeclaration declaration) => declaration.Layer switch
    {
        Layer.Namespace => $"team {declaration.Team?.Name}",
        Layer.Cluster => "cluster layer",
        _ => declaration.Members ?? "declared in no layer",
    };
}
