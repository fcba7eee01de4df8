using System.Collections.Immutable;
using System.Globalization;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Diff;

/// <summary>
/// Flattens the objects whose changes history tracks into (Kubernetes field path, value) pairs in document order:
/// <c>spec.rules[0].host</c>, <c>rules[1].verbs</c>, <c>metadata.labels[team]</c>. Lists of scalars (verbs, hosts)
/// are one value, <c>[get, list]</c>. Volatile metadata (resourceVersion, managedFields) and the
/// <c>kubectl.kubernetes.io/last-applied-configuration</c> annotation (a copy of the object itself) are left out.
/// </summary>
public static class ObjectFields
{
    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    public static ImmutableArray<KeyValuePair<string, string>> Of(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var fields = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        void Add(string path, string? value)
        {
            if (value is not null)
            {
                fields.Add(new(path, value));
            }
        }

        foreach (var (k, v) in obj.Metadata.Labels)
        {
            Add($"metadata.labels[{k}]", v);
        }

        foreach (var (k, v) in obj.Metadata.Annotations)
        {
            if (k != LastApplied)
            {
                Add($"metadata.annotations[{k}]", v);
            }
        }

        switch (obj)
        {
            case Ingress ingress:
                IngressFields(ingress, Add);
                break;
            case IngressClass ingressClass:
                Add("spec.controller", ingressClass.Controller);
                Add("spec.parameters.kind", ingressClass.ParametersKind);
                Add("spec.parameters.name", ingressClass.ParametersName);
                Add("spec.parameters.namespace", ingressClass.ParametersNamespace);
                break;
            case RbacRole role:
                RoleFields(role, Add);
                break;
            case RbacBinding binding:
                Add("roleRef.kind", binding.RoleRef.Kind);
                Add("roleRef.name", binding.RoleRef.Name);
                for (var i = 0; i < binding.Subjects.Length; i++)
                {
                    var s = binding.Subjects[i];
                    Add($"subjects[{i}].kind", s.Kind);
                    Add($"subjects[{i}].name", s.Name);
                    Add($"subjects[{i}].namespace", s.Namespace);
                }

                break;
        }

        return fields.ToImmutable();
    }

    /// <summary><c>[a, b]</c>; the empty string (the core API group) as <c>""</c>; null for an empty list, which reads as absent.</summary>
    public static string? List(ImmutableArray<string> values) =>
        values.IsDefaultOrEmpty ? null : "[" + string.Join(", ", values.Select(v => v.Length == 0 ? "\"\"" : v)) + "]";

    private static void IngressFields(Ingress ingress, Action<string, string?> add)
    {
        if (!ingress.IngressClassFromAnnotation)
        {
            // A class from the legacy annotation is already among the annotations.
            add("spec.ingressClassName", ingress.IngressClassName);
        }

        if (ingress.DefaultBackend is { } defaultBackend)
        {
            BackendFields("spec.defaultBackend", defaultBackend, add);
        }

        for (var i = 0; i < ingress.Rules.Length; i++)
        {
            var rule = ingress.Rules[i];
            add($"spec.rules[{i}].host", rule.Host);
            for (var j = 0; j < rule.Paths.Length; j++)
            {
                var path = rule.Paths[j];
                var prefix = $"spec.rules[{i}].http.paths[{j}]";
                add(prefix + ".path", path.Path);
                add(prefix + ".pathType", path.PathType);
                BackendFields(prefix + ".backend", path.Backend, add);
            }
        }

        for (var i = 0; i < ingress.Tls.Length; i++)
        {
            add($"spec.tls[{i}].hosts", List(ingress.Tls[i].Hosts));
            add($"spec.tls[{i}].secretName", ingress.Tls[i].SecretName);
        }
    }

    private static void BackendFields(string prefix, IngressBackend backend, Action<string, string?> add)
    {
        add(prefix + ".service.name", backend.ServiceName);
        add(prefix + ".service.port.number", backend.ServicePortNumber?.ToString(CultureInfo.InvariantCulture));
        add(prefix + ".service.port.name", backend.ServicePortName);
        add(prefix + ".resource.apiGroup", backend.ResourceApiGroup);
        add(prefix + ".resource.kind", backend.ResourceKind);
        add(prefix + ".resource.name", backend.ResourceName);
    }

    private static void RoleFields(RbacRole role, Action<string, string?> add)
    {
        for (var i = 0; i < role.Rules.Length; i++)
        {
            var rule = role.Rules[i];
            add($"rules[{i}].apiGroups", List(rule.ApiGroups));
            add($"rules[{i}].resources", List(rule.Resources));
            add($"rules[{i}].resourceNames", List(rule.ResourceNames));
            add($"rules[{i}].nonResourceURLs", List(rule.NonResourceUrls));
            add($"rules[{i}].verbs", List(rule.Verbs));
        }

        for (var i = 0; i < role.AggregationSelectors.Length; i++)
        {
            var selector = role.AggregationSelectors[i];
            var prefix = $"aggregationRule.clusterRoleSelectors[{i}]";
            foreach (var (k, v) in selector.MatchLabels)
            {
                add($"{prefix}.matchLabels[{k}]", v);
            }

            for (var j = 0; j < selector.MatchExpressions.Length; j++)
            {
                var e = selector.MatchExpressions[j];
                add($"{prefix}.matchExpressions[{j}]", $"{e.Key} {e.Operator} {List(e.Values) ?? "[]"}");
            }

            if (selector.IsEmpty)
            {
                // An empty selector selects every ClusterRole: its presence is a change worth showing.
                add(prefix, "{}");
            }
        }
    }
}
