using ComplianceScanner.Snapshot.Manifests.Parsing;
using ComplianceScanner.Snapshot.Mapping;

namespace ComplianceScanner.Snapshot.Manifests;

/// <summary>
/// Changes made to an object's tree before it is decoded, always by copying (nodes may be shared through aliases):
/// Secret data removal and the conversion of legacy Ingress versions to the v1 shape, as the API server converts them.
/// </summary>
internal static class TreeEdits
{
    /// <summary>
    /// The Secret without <c>data</c>, <c>stringData</c> and the last-applied annotation (which repeats them): from here on,
    /// no digest, decoder, error message or snapshot can see a secret value.
    /// </summary>
    public static MappingNode WithoutSecretData(MappingNode secret)
    {
        var pruned = secret.Without("data", "stringData");
        if (pruned.Get("metadata") is MappingNode meta && meta.Get("annotations") is MappingNode annotations
            && annotations.Get(KubernetesModelMapper.LastAppliedAnnotation) is not null)
        {
            pruned = pruned.With("metadata", meta.With("annotations", annotations.Without(KubernetesModelMapper.LastAppliedAnnotation)));
        }

        return pruned;
    }

    /// <summary>
    /// An <c>extensions/v1beta1</c> or <c>networking.k8s.io/v1beta1</c> Ingress in the v1 shape: <c>spec.backend</c> becomes
    /// <c>spec.defaultBackend</c>, and <c>serviceName</c>/<c>servicePort</c> become <c>service.name</c> and
    /// <c>service.port.number</c> (an integer) or <c>service.port.name</c> (a string). The apiVersion is kept.
    /// </summary>
    public static MappingNode LegacyIngressToV1(MappingNode ingress)
    {
        if (ingress.Get("spec") is not MappingNode spec)
        {
            return ingress;
        }

        var converted = spec;
        if (spec.Get("backend") is { } backend)
        {
            converted = converted.Without("backend");
            if (spec.Get("defaultBackend") is null)
            {
                converted = converted.With("defaultBackend", Backend(backend));
            }
        }

        if (spec.Get("rules") is SequenceNode rules)
        {
            converted = converted.With("rules", Map(rules, rule =>
                rule is MappingNode r && r.Get("http") is MappingNode http && http.Get("paths") is SequenceNode paths
                    ? r.With("http", http.With("paths", Map(paths, path =>
                        path is MappingNode p && p.Get("backend") is { } b ? p.With("backend", Backend(b)) : path)))
                    : rule));
        }

        return ingress.With("spec", converted);
    }

    private static Node Backend(Node node)
    {
        if (node is not MappingNode backend)
        {
            return node;
        }

        var serviceName = backend.Get("serviceName");
        var servicePort = backend.Get("servicePort");
        if (serviceName is null && servicePort is null)
        {
            return backend;
        }

        var service = new List<KeyValuePair<string, Node>>();
        if (serviceName is not null)
        {
            service.Add(new("name", serviceName));
        }

        if (servicePort is not null)
        {
            var field = servicePort is ScalarNode { Kind: ScalarKind.Int } ? "number" : "name";
            service.Add(new("port", new MappingNode(servicePort.Line, servicePort.Column, [new(field, servicePort)])));
        }

        var anchor = serviceName ?? servicePort!;
        return backend.Without("serviceName", "servicePort").With("service", new MappingNode(anchor.Line, anchor.Column, service));
    }

    private static SequenceNode Map(SequenceNode sequence, Func<Node, Node> convert) =>
        new(sequence.Line, sequence.Column, [.. sequence.Items.Select(convert)]);
}
