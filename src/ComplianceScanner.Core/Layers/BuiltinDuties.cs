using System.Collections.Immutable;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Layers;

/// <summary>
/// Duties every config knows without declaring them. A config may redefine any of them under the same name.
/// They describe writes and other sensitive verbs only: read access to ordinary objects is nobody's duty.
/// </summary>
public static class BuiltinDuties
{
    private static readonly ImmutableArray<string> Write = ["create", "update", "patch", "delete", "deletecollection"];

    public static ImmutableSortedDictionary<string, Duty> All { get; } = new[]
    {
        new Duty(
            "route-editing",
            "Create, change or delete Ingresses, HTTPRoutes and GRPCRoutes, and the ReferenceGrants that let them reach other namespaces: decide which hosts and paths reach which Services.",
            [
                Rule(["networking.k8s.io", "extensions"], ["ingresses"], Write),
                Rule([GatewayApi.Group], ["httproutes", "grpcroutes", "referencegrants"], Write),
            ],
            true),
        new Duty(
            "gateway-management",
            "Create, change or delete GatewayClasses and Gateways (Gateway API infrastructure provider and cluster operator): listeners, their hostnames, and which namespaces may attach Routes.",
            [Rule([GatewayApi.Group], ["gatewayclasses", "gateways"], Write)],
            true),
        new Duty(
            "tls-management",
            "Create, change or delete Secrets (TLS certificates and keys among them).",
            [Rule([string.Empty], ["secrets"], Write)],
            true),
        new Duty(
            "ingress-class-management",
            "Create, change or delete IngressClasses, including which class is the cluster default.",
            [Rule(["networking.k8s.io"], ["ingressclasses"], Write)],
            true),
        new Duty(
            "controller-operation",
            "What an ingress controller does: write Ingress status and read Secrets cluster-wide to serve TLS.",
            [
                Rule(["networking.k8s.io", "extensions"], ["ingresses/status"], ["update", "patch"]),
            ],
            true),
        new Duty(
            "audit-read",
            "Read RBAC across the cluster to audit who can do what.",
            [Rule(["rbac.authorization.k8s.io"], ["clusterroles", "clusterrolebindings"], ["get", "list", "watch"])],
            true),
        new Duty(
            "admission-policy-management",
            "Create, change or delete admission policies and webhooks: what the API server enforces.",
            [
                Rule(
                    ["admissionregistration.k8s.io"],
                    ["validatingadmissionpolicies", "validatingadmissionpolicybindings", "validatingwebhookconfigurations", "mutatingwebhookconfigurations"],
                    Write),
            ],
            true),
        new Duty(
            "rbac-management",
            "Create or change Roles and bindings, or bind and escalate: decide who holds every other duty.",
            [
                Rule(["rbac.authorization.k8s.io"], ["roles", "clusterroles", "rolebindings", "clusterrolebindings"], Write),
                Rule(["rbac.authorization.k8s.io"], ["roles", "clusterroles"], ["bind", "escalate"]),
            ],
            true),
    }.ToImmutableSortedDictionary(d => d.Name, d => d, StringComparer.Ordinal);

    private static PolicyRule Rule(ImmutableArray<string> groups, ImmutableArray<string> resources, ImmutableArray<string> verbs) =>
        new() { ApiGroups = groups, Resources = resources, Verbs = verbs };
}
