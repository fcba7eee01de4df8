using System.Collections.Immutable;
using ComplianceScanner.Core.Model;
using k8s.Models;

namespace ComplianceScanner.Snapshot.Mapping.GatewayApi;

/// <summary>
/// Maps the Gateway API models to Core records, applying the API's own defaults: parentRefs are Gateways of
/// gateway.networking.k8s.io, backendRefs are core Services, certificateRefs are core Secrets, an unset
/// <c>allowedRoutes.namespaces.from</c> is Same, and a reference without a namespace points into the referrer's own.
/// </summary>
internal static class GatewayApiMapper
{
    public static GatewayClass ToGatewayClass(GatewayClassResource o, SourceLocation source) => new()
    {
        Metadata = KubernetesModelMapper.Meta(o.Metadata, namespaced: false, source),
        ControllerName = NullIfEmpty(o.Spec?.ControllerName),
    };

    public static Gateway ToGateway(GatewayResource o, SourceLocation source) => new()
    {
        Metadata = KubernetesModelMapper.Meta(o.Metadata, namespaced: true, source),
        GatewayClassName = NullIfEmpty(o.Spec?.GatewayClassName),
        Listeners = [.. (o.Spec?.Listeners ?? []).Select((l, i) => (l, i)).Where(x => x.l is not null).Select(x => ToListener(x.l, x.i))],
    };

    public static GatewayRoute ToRoute(string kind, GatewayApiResource<RouteSpec> o, SourceLocation source)
    {
        var spec = o.Spec;
        var backends = new List<GatewayReference>();
        var rules = spec?.Rules ?? [];
        for (var r = 0; r < rules.Count; r++)
        {
            if (rules[r] is not { } rule)
            {
                continue;
            }

            var refs = rule.BackendRefs ?? [];
            for (var b = 0; b < refs.Count; b++)
            {
                if (refs[b] is not { } backend)
                {
                    continue;
                }

                var path = $"spec.rules[{r}].backendRefs[{b}]";
                backends.Add(Ref(backend, path, string.Empty, "Service"));
                Mirrors(backend.Filters, path, backends);
            }

            Mirrors(rule.Filters, $"spec.rules[{r}]", backends);
        }

        return new GatewayRoute
        {
            Metadata = KubernetesModelMapper.Meta(o.Metadata, namespaced: true, source),
            RouteKind = kind,
            Hostnames = [.. (spec?.Hostnames ?? []).Where(h => !string.IsNullOrEmpty(h))],
            ParentRefs = [.. (spec?.ParentRefs ?? []).Select((p, i) => (p, i)).Where(x => x.p is not null)
                .Select(x => Ref(x.p, $"spec.parentRefs[{x.i}]", Core.Model.GatewayApi.Group, "Gateway"))],
            BackendRefs = [.. backends],
        };
    }

    public static ReferenceGrant ToReferenceGrant(ReferenceGrantResource o, SourceLocation source) => new()
    {
        Metadata = KubernetesModelMapper.Meta(o.Metadata, namespaced: true, source),
        From = [.. (o.Spec?.From ?? []).Where(f => f is not null).Select(f => new ReferenceGrantFrom(f.Group ?? string.Empty, f.Kind ?? string.Empty, f.Namespace ?? string.Empty))],
        To = [.. (o.Spec?.To ?? []).Where(t => t is not null).Select(t => new ReferenceGrantTo(t.Group ?? string.Empty, t.Kind ?? string.Empty, NullIfEmpty(t.Name)))],
    };

    private static GatewayListener ToListener(ListenerSpec l, int index)
    {
        var from = NullIfEmpty(l.AllowedRoutes?.Namespaces?.From) ?? Core.Model.GatewayApi.FromSame;
        var selector = l.AllowedRoutes?.Namespaces?.Selector;
        return new GatewayListener
        {
            Name = l.Name ?? string.Empty,
            Index = index,
            Hostname = NullIfEmpty(l.Hostname),
            Port = l.Port ?? 0,
            Protocol = l.Protocol ?? string.Empty,
            NamespacesFrom = from,
            NamespaceSelector = selector is null ? null : ToSelector(selector),
            AllowedKinds = [.. (l.AllowedRoutes?.Kinds ?? []).Where(k => k is not null && !string.IsNullOrEmpty(k.Kind)).Select(k => k.Kind!)],
            CertificateRefs = [.. (l.Tls?.CertificateRefs ?? []).Select((c, i) => (c, i)).Where(x => x.c is not null)
                .Select(x => Ref(x.c, $"spec.listeners[{index}].tls.certificateRefs[{x.i}]", string.Empty, "Secret"))],
        };
    }

    private static void Mirrors(IList<RouteFilter>? filters, string path, List<GatewayReference> into)
    {
        var list = filters ?? [];
        for (var f = 0; f < list.Count; f++)
        {
            if (list[f]?.RequestMirror?.BackendRef is { } mirror)
            {
                into.Add(Ref(mirror, $"{path}.filters[{f}].requestMirror.backendRef", string.Empty, "Service"));
            }
        }
    }

    private static GatewayReference Ref(ObjectRef r, string path, string defaultGroup, string defaultKind) => new(
        path,
        r.Group ?? defaultGroup,
        NullIfEmpty(r.Kind) ?? defaultKind,
        r.Name ?? string.Empty,
        NullIfEmpty(r.Namespace),
        NullIfEmpty(r.SectionName),
        r.Port);

    private static LabelSelector ToSelector(V1LabelSelector selector) => new()
    {
        MatchLabels = (selector.MatchLabels ?? new Dictionary<string, string>())
            .ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value ?? string.Empty, StringComparer.Ordinal),
        MatchExpressions = [.. (selector.MatchExpressions ?? []).Where(e => e is not null)
            .Select(e => new LabelSelectorRequirement(e.Key ?? string.Empty, e.OperatorProperty ?? string.Empty, [.. (e.Values ?? []).Select(v => v ?? string.Empty)]))],
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
