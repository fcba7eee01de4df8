using ComplianceScanner.Deploy.Tests.Docker;
using ComplianceScanner.Deploy.Tests.Kustomize;
using ComplianceScanner.Deploy.Tests.Models;
using ComplianceScanner.TestSupport;
using k8s.Models;

namespace ComplianceScanner.Deploy.Tests;

/// <summary>
/// The Deployment keeps the agent's contract (config, store, templates, port, probes, leader-election identity) and
/// the hardening the issue asks for; the objects around it point at each other correctly.
/// </summary>
public sealed class DeploymentContractTests
{
    private static readonly List<RenderedObject> Base = DeployTree.Render("deploy");

    private static V1Deployment Deployment(IEnumerable<RenderedObject> objects) => KubernetesModels.OfType<V1Deployment>(objects).Single();

    private static V1Container Agent => Deployment(Base).Spec.Template.Spec.Containers.Single();

    [Fact]
    public void The_agent_is_started_with_the_in_cluster_config_store_and_listen_address()
    {
        var args = Agent.Args;

        Assert.Null(Agent.Command);
        Assert.Equal("/etc/compliance-scanner/scanner.yaml", args[args.IndexOf("--config") + 1]);
        Assert.Equal("/var/lib/compliance-scanner/scanner.db", args[args.IndexOf("--store") + 1]);
        Assert.Equal("http://0.0.0.0:8080", args[args.IndexOf("--listen") + 1]);
        Assert.Contains("--in-cluster", args);

        // The image's defaults name the same paths, so running the image without these args behaves the same.
        var cmd = Dockerfile.Parse(File.ReadAllText(RepoPaths.At("Dockerfile"))).Final.All("CMD").Single().ExecForm!;
        Assert.Equal(args[args.IndexOf("--config") + 1], cmd[cmd.ToList().IndexOf("--config") + 1]);
        Assert.Equal(args[args.IndexOf("--store") + 1], cmd[cmd.ToList().IndexOf("--store") + 1]);
    }

    [Fact]
    public void Probes_use_healthz_and_readyz_on_the_API_port()
    {
        var port = Agent.Ports.Single();
        Assert.Equal(("http", 8080, "TCP"), (port.Name, port.ContainerPort, port.Protocol));

        Assert.Equal("/healthz", Agent.LivenessProbe.HttpGet.Path);
        Assert.Equal("/healthz", Agent.StartupProbe.HttpGet.Path);
        Assert.Equal("/readyz", Agent.ReadinessProbe.HttpGet.Path);
        Assert.All(new[] { Agent.LivenessProbe, Agent.StartupProbe, Agent.ReadinessProbe }, p => Assert.Equal("http", p.HttpGet.Port.Value));
    }

    [Fact]
    public void The_pod_knows_its_name_and_namespace_for_leader_election()
    {
        var env = Agent.Env.ToDictionary(e => e.Name, e => e.ValueFrom?.FieldRef?.FieldPath);

        Assert.Equal("metadata.name", env["POD_NAME"]);
        Assert.Equal("metadata.namespace", env["POD_NAMESPACE"]);
        Assert.DoesNotContain(Agent.Env, e => e.Value is not null && (e.Name.Contains("TOKEN", StringComparison.Ordinal) || e.Name.Contains("PASSWORD", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_Role_lets_it_hold_exactly_the_Lease_named_in_the_contract()
    {
        var role = KubernetesModels.OfType<V1Role>(Base).Single();
        var leases = role.Rules.Where(r => r.Resources.Contains("leases")).ToList();

        Assert.Equal("compliance-scanner", role.Metadata.NamespaceProperty);
        Assert.All(leases, r => Assert.Equal(["coordination.k8s.io"], r.ApiGroups));
        Assert.Contains(leases, r => r.Verbs.SequenceEqual(["create"]) && r.ResourceNames is null or { Count: 0 });
        Assert.Contains(leases, r => r.Verbs.Order(StringComparer.Ordinal).SequenceEqual(["get", "update"]) && r.ResourceNames.SequenceEqual(["compliance-scanner"]));
    }

    [Fact]
    public void The_pod_runs_hardened_as_the_images_user()
    {
        var pod = Deployment(Base).Spec.Template.Spec;
        var user = Dockerfile.Parse(File.ReadAllText(RepoPaths.At("Dockerfile"))).Final.All("USER").Last().Arguments;

        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal(long.Parse(user, System.Globalization.CultureInfo.InvariantCulture), pod.SecurityContext.RunAsUser);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        var container = Agent.SecurityContext;
        Assert.True(container.RunAsNonRoot);
        Assert.True(container.ReadOnlyRootFilesystem);
        Assert.False(container.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], container.Capabilities.Drop);
        Assert.True(container.Capabilities.Add is null or { Count: 0 });
        Assert.Equal("RuntimeDefault", container.SeccompProfile.Type);
        Assert.NotEqual(true, pod.HostNetwork);
        Assert.NotEqual(true, container.Privileged);
        foreach (var resource in new[] { "cpu", "memory" })
        {
            Assert.True(Agent.Resources.Requests.ContainsKey(resource), "requests." + resource);
            Assert.True(Agent.Resources.Limits.ContainsKey(resource), "limits." + resource);
        }
    }

    [Fact]
    public void It_writes_only_to_the_store_volume_and_tmp_and_reads_its_config_from_the_generated_ConfigMap()
    {
        var pod = Deployment(Base).Spec.Template.Spec;
        var volumes = pod.Volumes.ToDictionary(v => v.Name);
        var writable = Agent.VolumeMounts.Where(m => m.ReadOnlyProperty != true).Select(m => m.MountPath).Order(StringComparer.Ordinal);

        Assert.Equal(["/tmp", "/var/lib/compliance-scanner"], writable);
        Assert.NotNull(volumes[Agent.VolumeMounts.Single(m => m.MountPath == "/tmp").Name].EmptyDir);
        var claim = volumes[Agent.VolumeMounts.Single(m => m.MountPath == "/var/lib/compliance-scanner").Name].PersistentVolumeClaim.ClaimName;
        Assert.Contains(KubernetesModels.OfType<V1PersistentVolumeClaim>(Base), c => c.Metadata.Name == claim && c.Metadata.NamespaceProperty == "compliance-scanner");

        var config = Agent.VolumeMounts.Single(m => m.MountPath == "/etc/compliance-scanner");
        Assert.True(config.ReadOnlyProperty);
        Assert.Null(config.SubPath);
        var map = KubernetesModels.OfType<V1ConfigMap>(Base).Single(m => m.Metadata.Name == volumes[config.Name].ConfigMap.Name);
        Assert.Equal(File.ReadAllText(DeployTree.ConfigFile), map.Data["scanner.yaml"]);
        Assert.DoesNotContain(Agent.VolumeMounts, m => m.MountPath.StartsWith("/app", StringComparison.Ordinal));
    }

    [Fact]
    public void Service_PodDisruptionBudget_NetworkPolicy_and_ServiceMonitor_select_the_agent()
    {
        var all = DeployTree.Render(DeployTree.AllComponents);
        var podLabels = Deployment(all).Spec.Template.Metadata.Labels;
        bool Selects(IDictionary<string, string> selector) => selector.All(l => podLabels.TryGetValue(l.Key, out var v) && v == l.Value);

        var service = KubernetesModels.OfType<V1Service>(all).Single();
        Assert.True(Selects(service.Spec.Selector));
        Assert.Equal("http", service.Spec.Ports.Single().TargetPort.Value);
        Assert.True(Selects(Deployment(all).Spec.Selector.MatchLabels));
        Assert.True(Selects(KubernetesModels.OfType<V1PodDisruptionBudget>(all).Single().Spec.Selector.MatchLabels));
        Assert.True(Selects(KubernetesModels.OfType<V1NetworkPolicy>(all).Single().Spec.PodSelector.MatchLabels));
        var monitor = KubernetesModels.OfType<ServiceMonitor>(all).Single();
        Assert.True(monitor.Spec.Selector!.MatchLabels.All(l => service.Metadata.Labels[l.Key] == l.Value));
        Assert.Equal(service.Spec.Ports.Single().Name, monitor.Spec.Endpoints.Single().Port);
        Assert.Equal("/metrics", monitor.Spec.Endpoints.Single().Path);
    }

    [Fact]
    public void The_NetworkPolicy_admits_only_the_API_port_and_lets_out_only_DNS_the_API_server_and_receivers()
    {
        var policy = KubernetesModels.OfType<V1NetworkPolicy>(Base).Single();

        Assert.Equal(["Egress", "Ingress"], policy.Spec.PolicyTypes.Order(StringComparer.Ordinal));
        var ingress = policy.Spec.Ingress.Single();
        Assert.Equal(["8080"], ingress.Ports.Select(p => p.Port.Value));
        Assert.All(ingress.FromProperty, peer => Assert.NotNull(peer.NamespaceSelector?.MatchLabels));
        var egressPorts = policy.Spec.Egress.SelectMany(e => e.Ports).Select(p => $"{p.Protocol}/{p.Port.Value}").Order(StringComparer.Ordinal);
        Assert.Equal(["TCP/4317", "TCP/4318", "TCP/443", "TCP/53", "TCP/6443", "TCP/9093", "UDP/53"], egressPorts);
        Assert.All(policy.Spec.Egress, e => Assert.NotEmpty(e.Ports));
    }

    [Fact]
    public void The_base_runs_one_replica_that_is_replaced_and_the_ha_overlay_two_on_the_shared_store()
    {
        var single = Deployment(Base);
        Assert.Equal(1, single.Spec.Replicas);
        Assert.Equal("Recreate", single.Spec.Strategy.Type);

        var ha = DeployTree.Render("overlays/ha");
        var pair = Deployment(ha);
        Assert.Equal(2, pair.Spec.Replicas);
        Assert.Equal("RollingUpdate", pair.Spec.Strategy.Type);
        Assert.Equal(0, int.Parse(pair.Spec.Strategy.RollingUpdate.MaxSurge.Value, System.Globalization.CultureInfo.InvariantCulture));
        var affinity = pair.Spec.Template.Spec.Affinity.PodAffinity.RequiredDuringSchedulingIgnoredDuringExecution.Single();
        Assert.Equal("kubernetes.io/hostname", affinity.TopologyKey);
        Assert.Equal(pair.Spec.Selector.MatchLabels, affinity.LabelSelector.MatchLabels);

        // Both replicas may be evicted together: they share a node-bound volume, so keeping one would block drains.
        Assert.Equal("2", KubernetesModels.OfType<V1PodDisruptionBudget>(ha).Single().Spec.MaxUnavailable.Value);
        Assert.Equal("1", KubernetesModels.OfType<V1PodDisruptionBudget>(Base).Single().Spec.MaxUnavailable.Value);
    }

    [Fact]
    public void The_namespace_enforces_the_restricted_pod_security_standard()
    {
        var ns = KubernetesModels.OfType<V1Namespace>(Base).Single();

        Assert.Equal("compliance-scanner", ns.Metadata.Name);
        Assert.Equal("restricted", ns.Metadata.Labels["pod-security.kubernetes.io/enforce"]);
        Assert.All(Base.Where(o => o.Kind is not ("Namespace" or "ClusterRole" or "ClusterRoleBinding")), o => Assert.Equal("compliance-scanner", o.Namespace));
    }

    [Theory]
    [MemberData(nameof(DeployTree.Variants), MemberType = typeof(DeployTree))]
    public void Every_object_carries_the_part_of_label_the_uninstall_commands_select(string variant)
    {
        Assert.All(DeployTree.Render(variant), o => Assert.True(
            YamlTree.Text(o.Node, "metadata", "labels", "app.kubernetes.io/part-of") == "compliance-scanner",
            $"{o} lacks the label app.kubernetes.io/part-of=compliance-scanner (docs/install.md deletes by it)"));
    }

    [Fact]
    public void The_image_is_set_in_one_place_and_reaches_every_variant()
    {
        var image = KustomizeRenderer.Read(DeployTree.Base).Images.Single();

        Assert.Equal("compliance-scanner", image.Name);
        Assert.All(DeployTree.VariantNames, v => Assert.Equal($"{image.NewName}:{image.NewTag}", Deployment(DeployTree.Render(v)).Spec.Template.Spec.Containers.Single().Image));
    }
}
