using System.Text.Json;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Snapshot.Live;
using ComplianceScanner.TestSupport;
using ComplianceScanner.TestSupport.KubeApi;
using Microsoft.Extensions.Time.Testing;

namespace ComplianceScanner.Snapshot.Tests.Live;

public sealed class LiveSnapshotSourceTests
{
    private const string SecretValue = "dG9wLXNlY3JldC1rZXktbWF0ZXJpYWw=";

    [Fact]
    public async Task Reads_every_kind_with_k8s_sources_and_a_resource_version_per_kind()
    {
        await using var server = await TestApiServer.StartAsync();
        server.Add(KubeFixtures.Namespace("web"));
        server.Add(KubeFixtures.Service("web", "web"));
        server.Add(KubeFixtures.Ingress("web", "web", "web.example.com", className: "nginx"));
        server.Add(KubeFixtures.IngressClass("nginx", isDefault: true));
        server.Add(KubeFixtures.Secret("web", "tls", "kubernetes.io/tls"));
        server.Add(KubeFixtures.ConfigMap("web", "app-config", new Dictionary<string, string> { ["password"] = "hunter2" }));
        server.Add(KubeFixtures.ConfigMap("ingress-nginx", "ingress-nginx-controller", new Dictionary<string, string> { ["allow-snippet-annotations"] = "true" }));
        server.Add("""{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"app","namespace":"web"}}""");
        server.Add(KubeFixtures.Role("web", "editor", ["networking.k8s.io"], ["ingresses"], ["create"]));
        server.Add(KubeFixtures.ClusterRole("viewer", [""], ["pods"], ["get"]));
        server.Add(KubeFixtures.RoleBinding("web", "editors", "editor", "team-web", roleKind: "Role"));
        server.Add(KubeFixtures.ClusterRoleBinding("viewers", "viewer", "everyone"));
        server.Add(KubeFixtures.Deployment("web", "web", serviceAccount: "app"));
        server.Add(KubeFixtures.ValidatingAdmissionPolicy("deny-snippets"));
        using var client = LiveTestClient.For(server);
        using var source = new LiveSnapshotSource(client);

        var result = await source.ReadAsync(LiveTestClient.Timeout());

        var snapshot = result.Snapshot;
        Assert.True(snapshot.IsComplete, string.Join("; ", snapshot.Missing));
        Assert.Equal([server.Url.ToString().TrimEnd('/')], snapshot.Sources.ToArray());
        Assert.Equal(server.Url.ToString().TrimEnd('/'), result.ServerUrl);
        Assert.Single(snapshot.Namespaces);
        Assert.Single(snapshot.Services);
        Assert.Equal("k8s://Ingress/web/web", Assert.Single(snapshot.Ingresses).Metadata.Source.File);
        Assert.Equal("nginx", snapshot.Ingresses[0].IngressClassName);
        Assert.Equal("k8s://IngressClass/nginx", Assert.Single(snapshot.IngressClasses).Metadata.Source.File);
        Assert.Equal(SecretMetadata.TlsType, Assert.Single(snapshot.Secrets).Type);
        Assert.Equal(2, snapshot.ConfigMaps.Length);
        Assert.Empty(snapshot.ConfigMaps.Single(c => c.Metadata.Name == "app-config").Data);
        Assert.Equal("true", snapshot.ConfigMaps.Single(c => c.Metadata.Name == "ingress-nginx-controller").Data["allow-snippet-annotations"]);
        Assert.Single(snapshot.ServiceAccounts);
        Assert.Equal("app", Assert.Single(snapshot.Workloads).ServiceAccountName);
        Assert.Equal(["create"], Assert.Single(snapshot.Roles).Rules[0].Verbs.ToArray());
        Assert.Single(snapshot.ClusterRoles);
        Assert.Equal("team-web", Assert.Single(snapshot.RoleBindings).Subjects[0].Name);
        Assert.Single(snapshot.ClusterRoleBindings);
        Assert.Equal("ValidatingAdmissionPolicy", Assert.Single(snapshot.AdmissionObjects).AdmissionKind);
        Assert.Matches("^[0-9a-f]{64}$", snapshot.Digest);
        Assert.Empty(result.NotServed);

        // Every kind's list was read at a resourceVersion the server had reached.
        Assert.Equal(KnownLiveKinds.All.Select(k => k.QualifiedResource).Order(StringComparer.Ordinal), result.ResourceVersions.Keys);
        Assert.All(result.ResourceVersions.Values, rv => Assert.InRange(long.Parse(rv, System.Globalization.CultureInfo.InvariantCulture), 1001, server.ResourceVersion));
    }

    [Fact]
    public async Task A_paginated_list_of_5000_role_bindings_arrives_whole()
    {
        await using var server = await TestApiServer.StartAsync();
        for (var i = 0; i < 5000; i++)
        {
            server.Add(KubeFixtures.RoleBinding("ns-" + (i % 50), $"rb-{i:D4}", "edit", "group-" + i));
        }

        using var client = LiveTestClient.For(server);
        using var source = new LiveSnapshotSource(client, new LiveSnapshotOptions { PageSize = 500 });

        var result = await source.ReadAsync(LiveTestClient.Timeout(60));

        Assert.True(result.Snapshot.IsComplete);
        Assert.Equal(5000, result.Snapshot.RoleBindings.Length);
        Assert.Equal(5000, result.Snapshot.RoleBindings.Select(b => b.Metadata.QualifiedName).Distinct().Count());
        var pages = server.Requests.Where(r => r.Path == "/apis/rbac.authorization.k8s.io/v1/rolebindings").ToList();
        Assert.Equal(10, pages.Count);
        Assert.All(pages, p => Assert.Equal("500", p.Parameter("limit")));
        Assert.Equal(9, pages.Count(p => p.Parameter("continue") is not null));
        Assert.Equal(0, result.Relists);
    }

    [Fact]
    public async Task An_expired_continue_token_relists_the_kind_from_scratch()
    {
        await using var server = await TestApiServer.StartAsync();
        for (var i = 0; i < 1200; i++)
        {
            server.Add(KubeFixtures.RoleBinding("team", $"rb-{i:D4}", "edit", "group-" + i));
        }

        server.ExpireContinueTokens("rolebindings", 1);
        using var client = LiveTestClient.For(server);
        using var source = new LiveSnapshotSource(client, new LiveSnapshotOptions { PageSize = 500 });

        var result = await source.ReadAsync(LiveTestClient.Timeout());

        Assert.True(result.Snapshot.IsComplete);
        Assert.Equal(1200, result.Snapshot.RoleBindings.Length);
        Assert.Equal(1, result.Relists);
        var pages = server.Requests.Where(r => r.Path == "/apis/rbac.authorization.k8s.io/v1/rolebindings").ToList();
        Assert.Equal(410, Assert.Single(pages, p => p.Status == 410).Status);
        Assert.Equal(2, pages.Count(p => p.Parameter("continue") is null));
    }

    [Fact]
    public async Task A_continue_token_that_keeps_expiring_makes_the_kind_missing_not_partial()
    {
        await using var server = await TestApiServer.StartAsync();
        for (var i = 0; i < 30; i++)
        {
            server.Add(KubeFixtures.RoleBinding("team", $"rb-{i:D2}", "edit", "group-" + i));
        }

        server.ExpireContinueTokens("rolebindings", 10);
        using var client = LiveTestClient.For(server);
        using var source = new LiveSnapshotSource(client, new LiveSnapshotOptions { PageSize = 10, MaxRelists = 2 });

        var result = await source.ReadAsync(LiveTestClient.Timeout());

        var missing = Assert.Single(result.Snapshot.Missing);
        Assert.Equal("rolebindings.rbac.authorization.k8s.io", missing.Kind);
        Assert.Contains("410 Gone", missing.Reason, StringComparison.Ordinal);
        Assert.Contains("3 times", missing.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Snapshot.RoleBindings);
        Assert.DoesNotContain("rolebindings.rbac.authorization.k8s.io", result.ResourceVersions.Keys);
    }

    [Fact]
    public async Task Forbidden_secrets_make_the_snapshot_incomplete_naming_the_kind_reason_and_permission()
    {
        await using var server = await TestApiServer.StartAsync();
        server.Add(KubeFixtures.Secret("web", "tls", "kubernetes.io/tls"));
        server.Add(KubeFixtures.Ingress("web", "web", "web.example.com"));
        server.Forbid("secrets");
        using var client = LiveTestClient.For(server);
        using var source = new LiveSnapshotSource(client);

        var result = await source.ReadAsync(LiveTestClient.Timeout());

        Assert.False(result.Snapshot.IsComplete);
        var missing = Assert.Single(result.Snapshot.Missing);
        Assert.Equal("secrets", missing.Kind);
        Assert.Contains("403", missing.Reason, StringComparison.Ordinal);
        Assert.Contains("cannot list resource \"secrets\"", missing.Reason, StringComparison.Ordinal);
        Assert.Equal("list secrets (core) cluster-wide", missing.RequiredPermission);
        Assert.Empty(result.Snapshot.Secrets);
        Assert.Single(result.Snapshot.Ingresses);

        // The 403 is not retried: it will not pass by waiting.
        Assert.Single(server.Requests, r => r.Path == "/api/v1/secrets");
    }

    [Fact]
    public async Task Secrets_are_read_as_metadata_only_and_their_data_never_reaches_the_snapshot()
    {
        await using var server = await TestApiServer.StartAsync();
        var tls = KubeFixtures.Secret("web", "web-tls", "kubernetes.io/tls", SecretValue);
        tls["metadata"]!["annotations"] = new System.Text.Json.Nodes.JsonObject
        {
            ["kubectl.kubernetes.io/last-applied-configuration"] = $$$"""{"data":{"key":"{{{SecretValue}}}"}}""",
            ["team"] = "web",
        };
        server.Add(tls);
        server.Add(KubeFixtures.Secret("web", "db-password", "Opaque", SecretValue));
        using var client = LiveTestClient.For(server);
        using var source = new LiveSnapshotSource(client);

        var result = await source.ReadAsync(LiveTestClient.Timeout());

        var secrets = result.Snapshot.Secrets;
        Assert.Equal(["db-password", "web-tls"], secrets.Select(s => s.Metadata.Name));
        Assert.Equal(SecretMetadata.TlsType, secrets[1].Type);
        Assert.NotEqual(SecretMetadata.TlsType, secrets[0].Type);
        Assert.Equal("web", secrets[1].Metadata.Annotation("team"));
        Assert.Null(secrets[1].Metadata.Annotation("kubectl.kubernetes.io/last-applied-configuration"));
        Assert.DoesNotContain(SecretValue, JsonSerializer.Serialize(result.Snapshot), StringComparison.Ordinal);

        // Every request for secrets asked for PartialObjectMetadataList only: no media type the server could answer with full objects.
        var requests = server.Requests.Where(r => r.Path.Contains("secrets", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal("application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1", r.Accept));
        Assert.Contains(requests, r => r.Parameter("fieldSelector") == "type=kubernetes.io/tls");
    }

    [Fact]
    public async Task A_429_waits_for_the_servers_retry_after_on_the_injected_clock_then_succeeds()
    {
        await using var server = await TestApiServer.StartAsync();
        server.Add(KubeFixtures.Ingress("web", "web", "web.example.com"));
        server.Throttle("ingresses", count: 1, retryAfterSeconds: 7);
        var time = new FakeTimeProvider();
        using var client = LiveTestClient.For(server);
        using var source = new LiveSnapshotSource(client, new LiveSnapshotOptions { TimeProvider = time });

        var read = source.ReadAsync(LiveTestClient.Timeout());
        await server.WaitForRequestAsync(r => r.Status == 429, TimeSpan.FromSeconds(20));

        // Move the fake clock in small steps until the read finishes: it cannot finish before 7 fake seconds have passed.
        var advanced = TimeSpan.Zero;
        while (!read.IsCompleted && advanced < TimeSpan.FromMinutes(5))
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            advanced += TimeSpan.FromMilliseconds(100);
            await Task.WhenAny(read, Task.Delay(5));
        }

        var result = await read.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(advanced >= TimeSpan.FromSeconds(7), $"retried after {advanced}, before the 7 s Retry-After");
        Assert.True(result.Snapshot.IsComplete);
        Assert.Single(result.Snapshot.Ingresses);
        Assert.Equal(1, result.Retries);
        Assert.Equal(2, server.Requests.Count(r => r.Path.EndsWith("/ingresses", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_and_succeed_within_the_budget()
    {
        await using var server = await TestApiServer.StartAsync();
        server.Add(KubeFixtures.Service("web", "web"));
        server.Fail("services", count: 2, status: 503);
        using var client = LiveTestClient.For(server);
        using var source = new LiveSnapshotSource(client, new LiveSnapshotOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(1) });

        var result = await source.ReadAsync(LiveTestClient.Timeout());

        Assert.True(result.Snapshot.IsComplete);
        Assert.Single(result.Snapshot.Services);
        Assert.Equal(2, result.Retries);
        Assert.Equal(2, result.ApiErrors);
    }

    [Fact]
    public async Task Server_errors_past_the_retry_limit_make_that_kind_missing_and_the_rest_completes()
    {
        await using var server = await TestApiServer.StartAsync();
        server.Add(KubeFixtures.Service("web", "web"));
        server.Add(KubeFixtures.Namespace("web"));
        server.Fail("services", count: 10, status: 500);
        using var client = LiveTestClient.For(server);
        using var source = new LiveSnapshotSource(client, new LiveSnapshotOptions { MaxRetryAttempts = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(1) });

        var result = await source.ReadAsync(LiveTestClient.Timeout());

        var missing = Assert.Single(result.Snapshot.Missing);
        Assert.Equal("services", missing.Kind);
        Assert.Contains("500", missing.Reason, StringComparison.Ordinal);
        Assert.Null(missing.RequiredPermission);
        Assert.Single(result.Snapshot.Namespaces);
        Assert.Equal(3, server.Requests.Count(r => r.Path == "/api/v1/services"));
    }

    [Fact]
    public async Task Optional_kinds_the_server_does_not_serve_are_skipped_without_making_the_scan_incomplete()
    {
        var resources = ApiResource.Standard.Where(r => r.Resource is not ("validatingadmissionpolicies" or "validatingadmissionpolicybindings"));
        await using var server = await TestApiServer.StartAsync(resources);
        using var client = LiveTestClient.For(server);
        using var source = new LiveSnapshotSource(client);

        var result = await source.ReadAsync(LiveTestClient.Timeout());

        Assert.True(result.Snapshot.IsComplete);
        Assert.Equal(
            ["validatingadmissionpolicies.admissionregistration.k8s.io", "validatingadmissionpolicybindings.admissionregistration.k8s.io"],
            result.NotServed.ToArray());
        Assert.DoesNotContain(server.Requests, r => r.Path.Contains("validatingadmissionpolic", StringComparison.Ordinal) && !r.Path.EndsWith("/v1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_kubeconfig_context_reads_the_cluster_it_names_with_its_token()
    {
        await using var server = await TestApiServer.StartAsync();
        server.RequiredToken = "s3cr3t-token";
        server.Add(KubeFixtures.Namespace("web"));
        using var dir = new TempDirectory();
        var kubeconfig = server.WriteKubeconfig(Path.Combine(dir.Path, "config"), contextName: "lab", token: "s3cr3t-token");

        using var source = LiveSnapshotSource.FromKubeconfig(kubeconfig, "lab");
        var result = await source.ReadAsync(LiveTestClient.Timeout());

        Assert.True(result.Snapshot.IsComplete);
        Assert.Single(result.Snapshot.Namespaces);
        Assert.All(server.Requests, r => Assert.Equal("Bearer s3cr3t-token", r.Authorization));
    }

    [Fact]
    public async Task Wrong_credentials_or_an_unknown_context_stop_the_read_with_a_clear_error()
    {
        await using var server = await TestApiServer.StartAsync();
        server.RequiredToken = "right";
        using var dir = new TempDirectory();
        var kubeconfig = server.WriteKubeconfig(Path.Combine(dir.Path, "config"), contextName: "lab", token: "wrong");

        using var source = LiveSnapshotSource.FromKubeconfig(kubeconfig);
        var refused = await Assert.ThrowsAsync<LiveSnapshotException>(() => source.ReadAsync(LiveTestClient.Timeout()));
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
        Assert.Contains(server.Url.ToString().TrimEnd('/'), refused.Message, StringComparison.Ordinal);

        var unknown = Assert.Throws<LiveSnapshotException>(() => LiveSnapshotSource.FromKubeconfig(kubeconfig, "nope"));
        Assert.Contains("nope", unknown.Message, StringComparison.Ordinal);
        var absent = Assert.Throws<LiveSnapshotException>(() => LiveSnapshotSource.FromKubeconfig(Path.Combine(dir.Path, "absent")));
        Assert.Contains("file not found", absent.Message, StringComparison.Ordinal);
    }
}
