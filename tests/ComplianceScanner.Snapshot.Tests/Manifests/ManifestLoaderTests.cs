using System.Text;
using System.Text.Json;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Snapshot.Manifests;
using Xunit.Abstractions;

namespace ComplianceScanner.Snapshot.Tests.Manifests;

public sealed class ManifestLoaderTests(ITestOutputHelper output)
{
    private static readonly ManifestLoader Loader = new();

    private static ManifestLoadResult Load(string content, string path = "test.yaml") => Loader.LoadText(content, path);

    private static ManifestLoadResult LoadClean(string content, string path = "test.yaml")
    {
        var result = Load(content, path);
        Assert.Empty(result.Errors.Select(e => e.ToString()));
        return result;
    }

    [Fact]
    public void Multi_document_yaml_puts_every_mapped_kind_into_its_array()
    {
        var result = LoadClean("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: reader, namespace: shop}
            rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: viewer}
            rules: [{apiGroups: ["*"], resources: ["*"], verbs: [list]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: readers, namespace: shop}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
            subjects: [{kind: Group, name: team-shop}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: viewers}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: viewer}
            subjects: [{kind: User, name: alice}]
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: deployer, namespace: shop}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              ports: [{name: http, port: 80, targetPort: 8080}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata:
              name: nginx
              annotations: {ingressclass.kubernetes.io/is-default-class: "true"}
            spec:
              controller: k8s.io/ingress-nginx
              parameters: {kind: IngressParameters, name: external, namespace: ingress, scope: Namespace}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web, namespace: shop}
            spec:
              ingressClassName: nginx
              defaultBackend: {resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: static}}
              tls: [{hosts: [shop.example.com], secretName: shop-tls}]
              rules:
              - host: shop.example.com
                http:
                  paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
                  - {path: /api, pathType: Exact, backend: {service: {name: api, port: {name: http}}}}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: shop-tls, namespace: shop}
            type: kubernetes.io/tls
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: shop}
            data: {a: b}
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata: {name: no-snippets}
            spec: {validations: [{expression: "true"}]}
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata: {name: no-snippets}
            spec: {policyName: no-snippets, validationActions: [Deny]}
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingWebhookConfiguration
            metadata: {name: ingress-nginx-admission}
            webhooks: []
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: MutatingWebhookConfiguration
            metadata: {name: injector}
            """);

        var s = result.Snapshot;
        Assert.Equal(15, result.DocumentCount);
        Assert.Equal(15, result.ObjectCount);
        Assert.Equal("shop", Assert.Single(s.Namespaces).Metadata.Name);
        Assert.Equal("shop/reader", Assert.Single(s.Roles).Metadata.QualifiedName);
        Assert.Equal("viewer", Assert.Single(s.ClusterRoles).Metadata.QualifiedName);
        Assert.Equal(new RoleRef("Role", "reader"), Assert.Single(s.RoleBindings).RoleRef);
        Assert.Equal([Subject.User("alice")], Assert.Single(s.ClusterRoleBindings).Subjects.ToArray());
        Assert.Equal("shop/deployer", Assert.Single(s.ServiceAccounts).Metadata.QualifiedName);
        Assert.Equal([new ServicePort("http", 80)], Assert.Single(s.Services).Ports.ToArray());
        Assert.Equal("ClusterIP", s.Services[0].Type);

        var ingressClass = Assert.Single(s.IngressClasses);
        Assert.True(ingressClass.IsDefault);
        Assert.Equal("k8s.io/ingress-nginx", ingressClass.Controller);
        Assert.Equal(("IngressParameters", "external", "ingress"), (ingressClass.ParametersKind, ingressClass.ParametersName, ingressClass.ParametersNamespace));

        var ingress = Assert.Single(s.Ingresses);
        Assert.Equal("networking.k8s.io/v1", ingress.ApiVersion);
        Assert.Equal("nginx", ingress.IngressClassName);
        Assert.False(ingress.IngressClassFromAnnotation);
        Assert.Equal("resource StorageBucket/static", ingress.DefaultBackend!.Describe());
        Assert.Equal("k8s.example.com", ingress.DefaultBackend.ResourceApiGroup);
        var tls = Assert.Single(ingress.Tls);
        Assert.Equal(["shop.example.com"], tls.Hosts.ToArray());
        Assert.Equal("shop-tls", tls.SecretName);
        var rule = Assert.Single(ingress.Rules);
        Assert.Equal("shop.example.com", rule.Host);
        Assert.Equal(["/ Prefix service web:80", "/api Exact service api:http"], rule.Paths.Select(p => $"{p.Path} {p.PathType} {p.Backend.Describe()}").ToArray());

        Assert.Equal(SecretMetadata.TlsType, Assert.Single(s.Secrets).Type);
        Assert.False(Assert.Single(s.ConfigMaps).DataRetained);
        Assert.Equal(
            ["MutatingWebhookConfiguration/injector", "ValidatingAdmissionPolicy/no-snippets", "ValidatingAdmissionPolicyBinding/no-snippets", "ValidatingWebhookConfiguration/ingress-nginx-admission"],
            s.AdmissionObjects.Select(a => a.Reference.ToString()).Order(StringComparer.Ordinal).ToArray());
        Assert.All(s.AdmissionObjects, a => Assert.Null(a.Metadata.Namespace));
        Assert.True(s.IsComplete);
        Assert.Empty(s.UnknownKinds);
        Assert.Equal(["test.yaml"], s.Sources.ToArray());
    }

    [Fact]
    public void Workloads_of_every_pod_running_kind_carry_service_account_and_containers()
    {
        var s = LoadClean("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: controller, namespace: ingress-nginx}
            spec:
              selector: {matchLabels: {app: c}}
              template:
                metadata: {labels: {app: c}}
                spec:
                  serviceAccountName: ingress-nginx
                  containers:
                  - name: controller
                    image: registry.k8s.io/ingress-nginx/controller:v1.12.0
                    args: [/nginx-ingress-controller, --ingress-class=nginx, --configmap=$(POD_NAMESPACE)/ingress-nginx-controller]
                    resources: {requests: {cpu: 0.1, memory: 90Mi}}
                    livenessProbe: {httpGet: {path: /healthz, port: 10254}}
                    readinessProbe: {httpGet: {path: /healthz, port: metrics}}
            ---
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: kube-system}
            spec:
              selector: {matchLabels: {app: a}}
              template: {spec: {containers: [{name: agent, image: agent:1}]}}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: shop}
            spec:
              serviceName: db
              selector: {matchLabels: {app: db}}
              template: {spec: {serviceAccount: legacy-sa, containers: [{name: db, image: postgres:17}]}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: debug, namespace: shop}
            spec: {containers: [{name: shell, image: busybox, args: [sleep, "3600"]}]}
            """).Snapshot;

        var byName = s.Workloads.ToDictionary(w => w.Metadata.Name);
        Assert.Equal(["controller", "agent", "db", "debug"], s.Workloads.Select(w => w.Metadata.Name).ToArray());
        var controller = byName["controller"];
        Assert.Equal("Deployment", controller.Kind);
        Assert.Equal("ingress-nginx", controller.ServiceAccountName);
        var container = Assert.Single(controller.Containers);
        Assert.Equal("registry.k8s.io/ingress-nginx/controller:v1.12.0", container.Image);
        Assert.Contains("--ingress-class=nginx", container.Args);
        Assert.Equal(("DaemonSet", "default"), (byName["agent"].Kind, byName["agent"].ServiceAccountName));
        Assert.Equal(("StatefulSet", "legacy-sa"), (byName["db"].Kind, byName["db"].ServiceAccountName));
        Assert.Equal("Pod", byName["debug"].Kind);
        Assert.Equal(["sleep", "3600"], byName["debug"].Containers[0].Args.ToArray());
    }

    [Fact]
    public void Json_single_object_list_and_concatenated_stream_all_load()
    {
        var single = LoadClean("""{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}}""", "ns.json");
        Assert.Equal("a", Assert.Single(single.Snapshot.Namespaces).Metadata.Name);

        var list = LoadClean("""
            {
              "apiVersion": "v1",
              "items": [
                {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "b"}},
                {
                  "apiVersion": "rbac.authorization.k8s.io/v1",
                  "kind": "Role",
                  "metadata": {"name": "r", "namespace": "b"},
                  "rules": [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"]}]
                }
              ],
              "kind": "List",
              "metadata": {"resourceVersion": ""}
            }
            """, "list.json");
        Assert.Equal(2, list.ObjectCount);
        Assert.Equal(1, list.DocumentCount);
        var role = Assert.Single(list.Snapshot.Roles);
        Assert.Equal(new SourceLocation("list.json", 0, 5), role.Metadata.Source);
        Assert.Equal(new SourceLocation("list.json", 0, 4), list.Snapshot.Namespaces[0].Metadata.Source);

        var stream = LoadClean("""
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "c"}}
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "d"}}
            """, "stream.json");
        Assert.Equal(["c", "d"], stream.Snapshot.Namespaces.Select(n => n.Metadata.Name).ToArray());
        Assert.Equal(1, stream.Snapshot.Namespaces[1].Metadata.Source.DocumentIndex);
    }

    [Fact]
    public void Kubectl_list_output_expands_items_each_with_its_own_line()
    {
        // kubectl writes keys in alphabetical order: the list's kind comes after its items.
        var result = LoadClean("""
            apiVersion: v1
            items:
            - apiVersion: rbac.authorization.k8s.io/v1
              kind: ClusterRole
              metadata:
                name: one
              rules: []
            - apiVersion: rbac.authorization.k8s.io/v1
              kind: ClusterRole
              metadata:
                name: two
            - apiVersion: example.com/v1
              kind: Widget
              metadata:
                name: w
            kind: List
            metadata:
              resourceVersion: ""
            """);

        Assert.Equal(3, result.ObjectCount);
        Assert.Equal([3, 8], result.Snapshot.ClusterRoles.Select(r => r.Metadata.Source.Line).ToArray());
        Assert.All(result.Snapshot.ClusterRoles, r => Assert.Equal(0, r.Metadata.Source.DocumentIndex));
        Assert.Equal(1, result.Snapshot.UnknownKinds["example.com/v1/Widget"]);
    }

    [Fact]
    public void Typed_list_items_without_kind_take_the_lists_kind_and_api_version()
    {
        var result = LoadClean("""
            {"kind": "RoleList", "apiVersion": "rbac.authorization.k8s.io/v1", "metadata": {"resourceVersion": "7"},
             "items": [
               {"metadata": {"name": "a", "namespace": "x"}, "rules": []},
               {"metadata": {"name": "b", "namespace": "x"}, "rules": []}
             ]}
            """, "roles.json");

        Assert.Equal(["a", "b"], result.Snapshot.Roles.Select(r => r.Metadata.Name).ToArray());
    }

    [Theory]
    [InlineData("apiVersion: rbac.authorization.k8s.io/v1\nitems:\n- metadata: {name: a}\nkind: ClusterRoleList\n")]
    [InlineData("items:\n- metadata: {name: a}\nkind: ClusterRoleList\napiVersion: rbac.authorization.k8s.io/v1\n")]
    [InlineData("kind: ClusterRoleList\nitems:\n- metadata: {name: a}\napiVersion: rbac.authorization.k8s.io/v1\n")]
    public void Typed_list_items_missing_their_kind_wait_for_the_list_when_it_comes_last(string yaml)
    {
        var result = LoadClean(yaml);

        Assert.Equal("a", Assert.Single(result.Snapshot.ClusterRoles).Metadata.Name);
        Assert.Equal(1, result.ObjectCount);
    }

    [Fact]
    public void A_list_whose_document_fails_later_loads_none_of_its_items()
    {
        var result = Load("""
            apiVersion: v1
            items:
            - {apiVersion: v1, kind: Namespace, metadata: {name: a}}
            - {apiVersion: v1, kind: Namespace, metadata: {name: b}}
            kind: List
            metadata: [unclosed
            ---
            {apiVersion: v1, kind: Namespace, metadata: {name: c}}
            """);

        Assert.Equal(0, Assert.Single(result.Errors).DocumentIndex);
        Assert.Equal(["c"], result.Snapshot.Namespaces.Select(n => n.Metadata.Name).ToArray());
        Assert.Equal(1, result.ObjectCount);
    }

    [Fact]
    public void An_object_with_an_items_field_that_is_not_a_list_kind_is_not_expanded()
    {
        var result = LoadClean("""
            apiVersion: example.com/v1
            items:
            - apiVersion: v1
              kind: Namespace
              metadata: {name: not-really}
            kind: Inventory
            metadata: {name: inv}
            """);

        Assert.Empty(result.Snapshot.Namespaces);
        Assert.Equal(1, result.ObjectCount);
        Assert.Equal(1, result.Snapshot.UnknownKinds["example.com/v1/Inventory"]);
    }

    [Fact]
    public void Empty_and_null_documents_are_skipped_silently()
    {
        var result = LoadClean("""
            ---
            # only a comment
            ---
            null
            ---
            ~
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: a}
            ---
            """);

        Assert.Equal(1, result.DocumentCount);
        Assert.Single(result.Snapshot.Namespaces);
        Assert.Empty(result.Warnings);
        Assert.Equal(0, LoadClean(string.Empty).DocumentCount);
    }

    [Fact]
    public void Legacy_extensions_and_v1beta1_ingresses_are_converted_to_the_v1_shape()
    {
        var s = LoadClean("""
            apiVersion: extensions/v1beta1
            kind: Ingress
            metadata: {name: old, namespace: shop}
            spec:
              backend: {serviceName: fallback, servicePort: 8080}
              rules:
              - host: old.example.com
                http:
                  paths:
                  - path: /
                    backend: {serviceName: web, servicePort: http}
                  - path: /num
                    backend: {serviceName: api, servicePort: 443}
            ---
            apiVersion: networking.k8s.io/v1beta1
            kind: Ingress
            metadata: {name: beta, namespace: shop}
            spec:
              rules:
              - http:
                  paths:
                  - backend: {serviceName: web, servicePort: "80"}
            """).Snapshot;

        var old = s.Ingresses.Single(i => i.Metadata.Name == "old");
        Assert.Equal("extensions/v1beta1", old.ApiVersion);
        Assert.Equal(("fallback", 8080), (old.DefaultBackend!.ServiceName, old.DefaultBackend.ServicePortNumber));
        var paths = old.Rules.Single().Paths;
        Assert.Equal(("web", "http", (int?)null), (paths[0].Backend.ServiceName, paths[0].Backend.ServicePortName, paths[0].Backend.ServicePortNumber));
        Assert.Equal(("api", 443), (paths[1].Backend.ServiceName, paths[1].Backend.ServicePortNumber));
        Assert.Null(paths[0].PathType);

        var beta = s.Ingresses.Single(i => i.Metadata.Name == "beta");
        Assert.Equal("networking.k8s.io/v1beta1", beta.ApiVersion);
        Assert.Null(beta.Rules[0].Host);

        // A quoted port is a port name, as the API server's conversion reads an IntOrString string.
        Assert.Equal("80", beta.Rules[0].Paths[0].Backend.ServicePortName);
    }

    [Fact]
    public void The_legacy_ingress_class_annotation_is_used_only_when_the_field_is_absent()
    {
        var s = LoadClean("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: annotated
              annotations: {kubernetes.io/ingress.class: nginx-public}
            spec: {}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: both
              annotations: {kubernetes.io/ingress.class: ignored}
            spec: {ingressClassName: nginx-internal}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: none}
            """).Snapshot;

        var byName = s.Ingresses.ToDictionary(i => i.Metadata.Name);
        Assert.Equal(("nginx-public", true), (byName["annotated"].IngressClassName, byName["annotated"].IngressClassFromAnnotation));
        Assert.Equal(("nginx-internal", false), (byName["both"].IngressClassName, byName["both"].IngressClassFromAnnotation));
        Assert.Equal((null, false), (byName["none"].IngressClassName, byName["none"].IngressClassFromAnnotation));
        Assert.Empty(byName["none"].Rules);
    }

    [Fact]
    public void Secret_data_never_reaches_the_snapshot_or_any_message()
    {
        const string plain = "hunter2-very-secret";
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(plain));
        var lastApplied = $$"""{"apiVersion":"v1","data":{"password":"{{base64}}"},"kind":"Secret"}""";
        var jsonSecret = "{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"metadata\": {\"name\": \"j\", \"namespace\": \"shop\"}, \"data\": {\"k\": \"" + base64 + "\"}, \"stringData\": {\"s\": \"" + plain + "\"}}";
        var result = LoadClean($$"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: db
              namespace: shop
              labels: {app: db}
              annotations:
                kubectl.kubernetes.io/last-applied-configuration: '{{lastApplied}}'
                owner: team-shop
            type: Opaque
            data:
              password: {{base64}}
              wrongly-typed: [{{plain}}]
            stringData:
              token: {{plain}}
              extra: {{plain}}
            ---
            {{jsonSecret}}
            """);

        var secret = result.Snapshot.Secrets.Single(x => x.Metadata.Name == "db");
        Assert.Equal("Opaque", secret.Type);
        Assert.Equal(["app"], secret.Metadata.Labels.Keys.ToArray());
        Assert.Equal(["owner"], secret.Metadata.Annotations.Keys.ToArray());

        var everything = JsonSerializer.Serialize(result) + string.Join('\n', result.Warnings) + string.Join('\n', result.Errors);
        Assert.DoesNotContain(plain, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(base64, everything, StringComparison.Ordinal);
        Assert.Equal(2, result.Snapshot.Secrets.Length);
    }

    [Fact]
    public void Secret_type_defaults_to_opaque()
    {
        var secret = Assert.Single(LoadClean("{apiVersion: v1, kind: Secret, metadata: {name: s}}").Snapshot.Secrets);
        Assert.Equal(("Opaque", "default"), (secret.Type, secret.Metadata.Namespace));
    }

    [Theory]
    [InlineData("ingress-nginx-controller", "", true)]
    [InlineData("nginx-configuration", "", true)]
    [InlineData("public-ingress-nginx-controller", "", true)]
    [InlineData("compliance-scanner", "", true)]
    [InlineData("compliancescanner-exceptions", "", true)]
    [InlineData("traefik-config", "app.kubernetes.io/component: controller", true)]
    [InlineData("app-settings", "app.kubernetes.io/component: web", false)]
    [InlineData("ingress-nginx-controller-extra", "", false)]
    public void Config_map_data_is_kept_only_for_controller_and_scanner_configuration(string name, string label, bool retained)
    {
        var labels = "{" + label + "}";
        const string lastApplied = """{"data":{"allow-snippet-annotations":"true"}}""";
        var result = LoadClean($$"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{name}}
              namespace: ingress
              labels: {{labels}}
              annotations:
                kubectl.kubernetes.io/last-applied-configuration: '{{lastApplied}}'
            data:
              allow-snippet-annotations: true
              worker-processes: 4
            """);

        var configMap = Assert.Single(result.Snapshot.ConfigMaps);
        Assert.Equal(retained, configMap.DataRetained);
        if (retained)
        {
            // Plain YAML scalars stay the strings that were written.
            Assert.Equal("true", configMap.Data["allow-snippet-annotations"]);
            Assert.Equal("4", configMap.Data["worker-processes"]);
            Assert.NotNull(configMap.Metadata.Annotation("kubectl.kubernetes.io/last-applied-configuration"));
        }
        else
        {
            Assert.Empty(configMap.Data);
            Assert.Null(configMap.Metadata.Annotation("kubectl.kubernetes.io/last-applied-configuration"));
        }
    }

    [Fact]
    public void Unknown_kinds_are_counted_by_api_version_and_kind_and_are_not_errors()
    {
        var result = LoadClean("""
            apiVersion: gateway.networking.k8s.io/v1alpha2
            kind: TCPRoute
            metadata: {name: a}
            ---
            apiVersion: gateway.networking.k8s.io/v1alpha2
            kind: TCPRoute
            metadata: {name: b}
            ---
            apiVersion: v1
            kind: Endpoints
            metadata: {name: c}
            ---
            apiVersion: networking.k8s.io/v2
            kind: Ingress
            metadata: {name: future}
            """);

        Assert.Equal(4, result.ObjectCount);
        Assert.Equal(
            ["gateway.networking.k8s.io/v1alpha2/TCPRoute=2", "networking.k8s.io/v2/Ingress=1", "v1/Endpoints=1"],
            result.Snapshot.UnknownKinds.Select(kv => $"{kv.Key}={kv.Value}").ToArray());
        Assert.Empty(result.Snapshot.Ingresses);
    }

    [Fact]
    public void Malformed_documents_are_errors_with_file_document_and_line_while_the_others_load()
    {
        var result = Load("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: first}
            ---
            - just
            - a list
            ---
            apiVersion: v1
            metadata: {name: no-kind}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: bad, namespace: x}
            rules:
            - apiGroups: [""]
              resources: [pods]
              verbs: get
            ---
            apiVersion: 42
            kind: Namespace
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: svc}
            spec:
              ports:
              - port: eighty
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: last}
            """, "dir/app.yaml");

        Assert.Equal(["first", "last"], result.Snapshot.Namespaces.Select(n => n.Metadata.Name).ToArray());
        Assert.Equal(
            [
                "dir/app.yaml: document 1 (line 5): the document is a list, not a Kubernetes object (a mapping with apiVersion and kind)",
                "dir/app.yaml: document 2 (line 8): kind missing: not a Kubernetes object",
                "dir/app.yaml: document 3 (line 17): Role x/bad: rules[0].verbs: expected a list, found a string",
                "dir/app.yaml: document 4 (line 19): apiVersion must be a non-empty string, found a number",
                "dir/app.yaml: document 5 (line 27): Service svc: spec.ports[0].port: expected an integer, found a string",
            ],
            result.Errors.Select(e => e.ToString()).ToArray());
        Assert.Equal(new ManifestError("dir/app.yaml", 3, 17, "Role x/bad: rules[0].verbs: expected a list, found a string"), result.Errors[2]);

        // The failures make the snapshot incomplete, so a scan of it cannot look clean.
        Assert.False(result.Snapshot.IsComplete);
        Assert.Equal(5, result.Snapshot.Missing.Length);
        Assert.Contains(result.Snapshot.Missing, m => m.Kind == "Role" && m.Reason.Contains("rules[0].verbs", StringComparison.Ordinal));
    }

    [Fact]
    public void A_yaml_syntax_error_fails_its_document_only_and_reading_resumes_at_the_next_separator()
    {
        var result = Load("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: before}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: [unclosed
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: after}
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.DocumentIndex);
        Assert.InRange(error.Line, 7, 8);
        Assert.StartsWith("YAML syntax error: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(["after", "before"], result.Snapshot.Namespaces.Select(n => n.Metadata.Name).ToArray());
        Assert.Equal(2, result.Snapshot.Namespaces.Single(n => n.Metadata.Name == "after").Metadata.Source.DocumentIndex);
        Assert.Equal(9, result.Snapshot.Namespaces.Single(n => n.Metadata.Name == "after").Metadata.Source.Line);
    }

    [Fact]
    public void Broken_json_is_reported_with_a_line()
    {
        var result = Load("""
            {
              "apiVersion": "v1",
              "kind": "Namespace",
              "metadata": {"name": "x"
            """, "broken.json");

        var error = Assert.Single(result.Errors);
        Assert.Equal("broken.json", error.File);
        Assert.True(error.Line >= 4, error.ToString());
        Assert.Empty(result.Snapshot.Namespaces);
    }

    [Fact]
    public void Json_values_keep_their_json_types_and_a_number_where_a_string_belongs_is_an_error()
    {
        var result = Load("""
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "x", "labels": {"tier": 1}}}
            """, "typed.json");

        var error = Assert.Single(result.Errors);
        Assert.Equal("typed.json: document 0 (line 1): Namespace x: metadata.labels.tier: expected a string, found a number", error.ToString());
    }

    [Fact]
    public void Plain_yaml_scalars_stay_the_strings_written_where_a_string_is_expected()
    {
        var ns = Assert.Single(LoadClean("""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: x
              labels: {version: 1.10, enabled: true, legacy: on, octal: 0755, empty: , tilde: ~}
              annotations: {"quoted": "true", when: 2024-01-02}
            """).Snapshot.Namespaces);

        Assert.Equal("1.10", ns.Metadata.Labels["version"]);
        Assert.Equal("true", ns.Metadata.Labels["enabled"]);
        Assert.Equal("on", ns.Metadata.Labels["legacy"]);
        Assert.Equal("0755", ns.Metadata.Labels["octal"]);
        Assert.Equal(string.Empty, ns.Metadata.Labels["empty"]);
        Assert.Equal(string.Empty, ns.Metadata.Labels["tilde"]);
        Assert.Equal("true", ns.Metadata.Annotations["quoted"]);
        Assert.Equal("2024-01-02", ns.Metadata.Annotations["when"]);
    }

    [Fact]
    public void Namespaced_objects_default_to_the_default_namespace_and_cluster_scoped_ones_never_have_one()
    {
        var s = LoadClean("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: no-namespace}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: cluster-wide, namespace: ignored}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: n, namespace: ignored}
            """).Snapshot;

        Assert.Equal("default", Assert.Single(s.Roles).Metadata.Namespace);
        Assert.Null(Assert.Single(s.ClusterRoles).Metadata.Namespace);
        Assert.Null(Assert.Single(s.Namespaces).Metadata.Namespace);
    }

    [Fact]
    public void Object_metadata_is_mapped_with_its_source_location()
    {
        var role = Assert.Single(LoadClean("""
            # leading comment
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: other}
            ---

            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: r
              namespace: shop
              uid: 5f0c-11
              resourceVersion: "12345"
              creationTimestamp: "2024-03-04T05:06:07Z"
              labels: {team: shop}
              annotations: {owner: alice}
              managedFields:
              - manager: kubectl-client-side-apply
                operation: Update
                time: "2024-03-04T05:06:07Z"
                apiVersion: rbac.authorization.k8s.io/v1
                fieldsType: FieldsV1
                fieldsV1: {f:rules: {}}
              - manager: kube-controller-manager
                operation: Apply
                subresource: status
            rules: null
            """, "m/roles.yaml").Snapshot.Roles);

        var meta = role.Metadata;
        Assert.Equal(("r", "shop", "5f0c-11", "12345"), (meta.Name, meta.Namespace, meta.Uid, meta.ResourceVersion));
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 5, 6, 7, TimeSpan.Zero), meta.CreationTimestamp);
        Assert.Equal("shop", meta.Label("team"));
        Assert.Equal("alice", meta.Annotation("owner"));
        Assert.Equal(
            [
                new ManagedFieldsEntry("kubectl-client-side-apply", "Update", new DateTimeOffset(2024, 3, 4, 5, 6, 7, TimeSpan.Zero), null),
                new ManagedFieldsEntry("kube-controller-manager", "Apply", null, "status"),
            ],
            meta.ManagedFields.ToArray());
        // A comment before the first separator is not a document of the YAML stream.
        Assert.Equal(new SourceLocation("m/roles.yaml", 1, 8), meta.Source);
        Assert.Empty(role.Rules);
    }

    [Fact]
    public void Cluster_role_aggregation_selectors_are_kept()
    {
        var role = Assert.Single(LoadClean("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: monitoring}
            aggregationRule:
              clusterRoleSelectors:
              - matchLabels: {rbac.example.com/aggregate-to-monitoring: "true"}
              - matchExpressions: [{key: tier, operator: In, values: [a, b]}]
            rules:
            """).Snapshot.ClusterRoles);

        Assert.True(role.IsAggregated);
        Assert.Equal("true", role.AggregationSelectors[0].MatchLabels["rbac.example.com/aggregate-to-monitoring"]);
        Assert.Equal(new LabelSelectorRequirement("tier", "In", ["a", "b"]).ToString(), role.AggregationSelectors[1].MatchExpressions.Single().ToString());
        Assert.Equal(["a", "b"], role.AggregationSelectors[1].MatchExpressions.Single().Values.ToArray());
        Assert.Empty(role.Rules);
    }

    [Fact]
    public void Binding_subjects_keep_their_kind_and_service_accounts_get_the_namespace_the_authorizer_uses()
    {
        var s = LoadClean("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: rb, namespace: shop}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
            subjects:
            - {kind: ServiceAccount, name: builder}
            - {kind: ServiceAccount, name: other, namespace: tools}
            - {kind: Group, name: devs, namespace: ignored}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: crb}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
            subjects:
            - {kind: ServiceAccount, name: nowhere}
            """).Snapshot;

        Assert.Equal(
            [Subject.ServiceAccount("shop", "builder"), Subject.ServiceAccount("tools", "other"), Subject.Group("devs")],
            Assert.Single(s.RoleBindings).Subjects.ToArray());
        Assert.Equal([new Subject("ServiceAccount", "nowhere")], Assert.Single(s.ClusterRoleBindings).Subjects.ToArray());
        Assert.Empty(s.ClusterRoleBindings[0].Subjects.Where(x => x.Namespace is not null));
    }

    [Fact]
    public void A_subject_kind_in_the_wrong_case_is_kept_as_written_with_a_warning_because_it_matches_no_one()
    {
        var result = Load("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: rb, namespace: shop}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
            subjects: [{kind: user, name: alice}]
            """);
        Assert.Empty(result.Errors);
        Assert.Equal([new Subject("user", "alice")], Assert.Single(result.Snapshot.RoleBindings).Subjects.ToArray());
        Assert.Contains(result.Warnings, w => w.Message.Contains("subject kind \"user\"", StringComparison.Ordinal) && w.Message.Contains("case-sensitive", StringComparison.Ordinal));
    }

    [Fact]
    public void A_binding_without_role_ref_is_an_error_and_an_impossible_role_ref_kind_is_a_warning()
    {
        var result = Load("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: no-ref, namespace: a}
            subjects: [{kind: User, name: u}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: to-a-role}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: test}
            """);

        Assert.Equal(["test.yaml: document 0 (line 1): RoleBinding a/no-ref: roleRef is required"], result.Errors.Select(e => e.ToString()).ToArray());
        var binding = Assert.Single(result.Snapshot.ClusterRoleBindings);
        Assert.Equal(new RoleRef("Role", "test"), binding.RoleRef);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(9, warning.Line);
        Assert.Contains("can only refer to a ClusterRole", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fields_the_api_server_would_drop_are_ignored_with_a_warning_naming_field_and_line()
    {
        var result = LoadClean("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: signer}
            rules:
            - apiGroups: [certificates.k8s.io]
              resources: [signers]
              resourceName: [example.com/my-signer]
              verbs: [sign]
            """);

        var warning = Assert.Single(result.Warnings);
        Assert.Equal("test.yaml: document 0 (line 7): ClusterRole signer: unknown field rules[0].resourceName is ignored (the API server drops it too)", warning.ToString());
        Assert.Empty(result.Snapshot.ClusterRoles[0].Rules[0].ResourceNames);
    }

    [Fact]
    public void An_object_defined_twice_keeps_the_later_definition_with_a_warning()
    {
        var result = Loader.LoadMany(
        [
            ("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa, namespace: a, labels: {v: one}}\n", "one.yaml"),
            ("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa, namespace: a, labels: {v: two}}\n", "two.yaml"),
        ]);

        Assert.Empty(result.Errors);
        Assert.Equal("two", Assert.Single(result.Snapshot.ServiceAccounts).Metadata.Label("v"));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("two.yaml: document 0 (line 1): ServiceAccount/a/sa is also defined at one.yaml: document 0 (line 1); this later definition is used, as kubectl apply would leave it", warning.ToString());
        Assert.Equal(2, result.ObjectCount);
        Assert.Equal(["one.yaml", "two.yaml"], result.Snapshot.Sources.ToArray());
    }

    [Fact]
    public void Objects_without_a_name_load_with_a_warning_and_are_never_merged()
    {
        var result = LoadClean("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: "", namespace: testing}
            spec: {rules: [{host: a.example.com}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {namespace: testing}
            spec: {rules: [{host: b.example.com}]}
            """);

        Assert.Equal(2, result.Snapshot.Ingresses.Length);
        Assert.Equal(2, result.Warnings.Length);
        Assert.All(result.Warnings, w => Assert.Contains("metadata.name is empty", w.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Repeated_keys_use_the_last_value_with_a_warning()
    {
        var result = LoadClean("""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: first
              name: second
            """);

        Assert.Equal("second", Assert.Single(result.Snapshot.Namespaces).Metadata.Name);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(5, warning.Line);
        Assert.Contains("\"name\" appears more than once", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_work()
    {
        var s = LoadClean("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: a
              labels: &labels {team: platform, tier: base}
            rules:
            - &read {apiGroups: [""], resources: [pods], verbs: [get, list]}
            - <<: *read
              resources: [services]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: b
              labels:
                <<: [{team: other}, {owner: me}]
                tier: top
            rules: []
            """).Snapshot;

        var a = s.ClusterRoles.Single(r => r.Metadata.Name == "a");
        Assert.Equal("platform", a.Metadata.Label("team"));
        Assert.Equal(["pods"], a.Rules[0].Resources.ToArray());
        Assert.Equal(["services"], a.Rules[1].Resources.ToArray());
        Assert.Equal(["get", "list"], a.Rules[1].Verbs.ToArray());
        var b = s.ClusterRoles.Single(r => r.Metadata.Name == "b");
        Assert.Equal(["owner=me", "team=other", "tier=top"], b.Metadata.Labels.Select(kv => $"{kv.Key}={kv.Value}").ToArray());
    }

    [Fact]
    public void An_alias_expansion_bomb_is_rejected_with_a_clear_error_and_other_documents_load()
    {
        var bomb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 9; i++)
        {
            bomb.Append($"x{i}: &a{i} [" + string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10)) + "]\n");
        }

        bomb.Append("---\napiVersion: v1\nkind: Namespace\nmetadata: {name: fine}\n");

        var result = Load(bomb.ToString());

        var error = Assert.Single(result.Errors);
        Assert.Equal(0, error.DocumentIndex);
        Assert.Contains("alias expansion bomb", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Line, 5, 13);
        Assert.Equal("fine", Assert.Single(result.Snapshot.Namespaces).Metadata.Name);
        Assert.Empty(result.Snapshot.ConfigMaps);
    }

    [Fact]
    public void An_alias_to_an_undefined_anchor_is_an_error()
    {
        var error = Assert.Single(Load("apiVersion: v1\nkind: Namespace\nmetadata: *nowhere\n").Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("*nowhere", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yaml")]
    [InlineData("json")]
    [InlineData("mapping")]
    public void Deep_nesting_is_bounded_without_overflowing_the_stack(string shape)
    {
        const int depth = 10_000;
        var content = shape switch
        {
            "yaml" => new string('[', depth),
            "json" => new string('[', depth) + new string(']', depth),
            _ => string.Concat(Enumerable.Repeat("{\"a\": ", depth)) + "1" + new string('}', depth),
        };

        var result = Load(content + "\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: after}\n", "deep." + shape);

        var error = Assert.Single(result.Errors);
        Assert.Equal(0, error.DocumentIndex);
        Assert.Contains("nesting is deeper than 1000 levels", error.Message, StringComparison.Ordinal);
        Assert.Equal("after", Assert.Single(result.Snapshot.Namespaces).Metadata.Name);
    }

    [Fact]
    public void Nesting_just_inside_the_bound_loads()
    {
        const int depth = 990;
        var deep = string.Concat(Enumerable.Repeat("{\"a\": ", depth)) + "1" + new string('}', depth);

        var result = LoadClean($"{{\"apiVersion\": \"example.com/v1\", \"kind\": \"Deep\", \"spec\": {deep}}}", "deep.json");

        Assert.Equal(1, result.Snapshot.UnknownKinds["example.com/v1/Deep"]);
    }

    [Fact]
    public void A_tab_before_an_inline_comment_is_accepted()
    {
        var role = Assert.Single(LoadClean(
            "kind: Role\napiVersion: rbac.authorization.k8s.io/v1\nmetadata:\n  name: allow-port-forward\nrules:\n- apiGroups: [\"*\"]\n" +
            "  resources: [\"pods\", \"pods/portforward\"] # we look for this resource or *\n" +
            "  verbs: [\"update\", \"patch\", \"create\"]\t  # we look for these verbs or *").Snapshot.Roles);

        Assert.Equal(["update", "patch", "create"], role.Rules[0].Verbs.ToArray());
        Assert.Equal("default", role.Metadata.Namespace);
    }

    [Fact]
    public void Flow_style_yaml_with_comments_and_trailing_commas_loads()
    {
        var role = Assert.Single(LoadClean("""
            {
              apiVersion: "rbac.authorization.k8s.io/v1",
              kind: "ClusterRole",
              metadata: {
                # "namespace" omitted since ClusterRoles are not namespaced
                name: "secret-reader",
                annotations: {
                  kubernetes.io/description: "\
                     Reads secrets.\n\
                    ",
                },
              },
              rules: [{
                apiGroups: [
                  "",
                ],
                resources: ["secrets",],
                verbs: ["get", "watch", "list",],
              }],
            }
            """, "flow.yaml").Snapshot.ClusterRoles);

        Assert.Equal("secret-reader", role.Metadata.Name);
        Assert.Equal(["get", "watch", "list"], role.Rules[0].Verbs.ToArray());
        Assert.Equal("Reads secrets.\n", role.Metadata.Annotation("kubernetes.io/description"));
    }

    [Fact]
    public void The_digest_ignores_file_order_formatting_and_syntax_but_not_content()
    {
        const string ns = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {x: y}}\n";
        const string role = "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r, namespace: a}\nrules: [{verbs: [get], apiGroups: [''], resources: [pods]}]\n";
        const string roleJson = """{"kind": "Role", "metadata": {"namespace": "a", "name": "r"}, "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]}], "apiVersion": "rbac.authorization.k8s.io/v1"}""";

        var one = Loader.LoadMany([(ns, "ns.yaml"), (role, "role.yaml")]).Snapshot.Digest;
        var reordered = Loader.LoadMany([(role, "b.yaml"), (ns, "a.yaml")]).Snapshot.Digest;
        var combined = Loader.LoadText(ns + "---\n" + role, "all.yaml").Snapshot.Digest;
        var json = Loader.LoadMany([(ns, "ns.yaml"), (roleJson, "role.json")]).Snapshot.Digest;
        var list = Loader.LoadText("apiVersion: v1\nkind: List\nitems:\n- " + roleJson + "\n- " + ns.Replace("\n", "\n  ", StringComparison.Ordinal), "list.yaml").Snapshot.Digest;
        var changed = Loader.LoadMany([(ns, "ns.yaml"), (role.Replace("[get]", "[list]", StringComparison.Ordinal), "role.yaml")]).Snapshot.Digest;

        Assert.Matches("^[0-9a-f]{64}$", one);
        Assert.Equal(one, reordered);
        Assert.Equal(one, combined);
        Assert.Equal(one, json);
        Assert.Equal(one, list);
        Assert.NotEqual(one, changed);
        Assert.NotEqual(one, Loader.LoadText(ns, "ns.yaml").Snapshot.Digest);
    }

    [Fact]
    public void Objects_are_sorted_by_namespace_then_name()
    {
        var s = LoadClean("""
            {apiVersion: v1, kind: ServiceAccount, metadata: {name: b, namespace: z}}
            ---
            {apiVersion: v1, kind: ServiceAccount, metadata: {name: c, namespace: a}}
            ---
            {apiVersion: v1, kind: ServiceAccount, metadata: {name: a, namespace: z}}
            ---
            {apiVersion: v1, kind: ServiceAccount, metadata: {name: a, namespace: a}}
            """).Snapshot;

        Assert.Equal(["a/a", "a/c", "z/a", "z/b"], s.ServiceAccounts.Select(x => x.Metadata.QualifiedName).ToArray());
    }

    [Fact]
    public void A_path_that_does_not_exist_is_an_error_result_not_an_exception()
    {
        var missing = Path.Combine(Path.GetTempPath(), "compliancescanner-" + Guid.NewGuid().ToString("N"), "nothing.yaml");

        var result = Loader.Load([missing]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(new ManifestError(missing, -1, 0, "no such file or directory"), error);
        Assert.Equal($"{missing}: no such file or directory", error.ToString());
        Assert.False(result.Snapshot.IsComplete);
        Assert.Equal([missing], result.Snapshot.Sources.ToArray());
        Assert.Equal(0, result.FileCount);
    }

    [Fact]
    public void Directories_are_read_recursively_in_ordinal_path_order_and_named_files_whatever_their_extension()
    {
        var dir = Directory.CreateTempSubdirectory("compliancescanner-test-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "sub", "deeper"));
            File.WriteAllText(Path.Combine(dir.FullName, "b.yml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n");
            File.WriteAllText(Path.Combine(dir.FullName, "A.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n");
            File.WriteAllText(Path.Combine(dir.FullName, "sub", "deeper", "c.json"), """{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "c"}}""");
            File.WriteAllText(Path.Combine(dir.FullName, "sub", "notes.txt"), "not: [yaml");
            File.WriteAllText(Path.Combine(dir.FullName, "sub", "UPPER.YAML"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: upper}\n");
            var explicitFile = Path.Combine(dir.FullName, "sub", "manifest.txt");
            File.WriteAllText(explicitFile, "apiVersion: v1\nkind: Namespace\nmetadata: {name: txt}\n");
            Directory.CreateDirectory(Path.Combine(dir.FullName, "empty"));

            var result = Loader.Load([dir.FullName, explicitFile, Path.Combine(dir.FullName, "b.yml"), Path.Combine(dir.FullName, "empty")]);

            Assert.Empty(result.Errors);
            Assert.Equal(5, result.FileCount);
            Assert.Equal(["a", "b", "c", "txt", "upper"], result.Snapshot.Namespaces.Select(n => n.Metadata.Name).ToArray());
            Assert.Equal(
                [Path.Combine(dir.FullName, "A.yaml"), Path.Combine(dir.FullName, "b.yml"), Path.Combine(dir.FullName, "sub", "UPPER.YAML"), Path.Combine(dir.FullName, "sub", "deeper", "c.json"), explicitFile],
                result.Snapshot.Namespaces.Select(n => n.Metadata.Source.File).Order(StringComparer.Ordinal).ToArray());
            var warning = Assert.Single(result.Warnings);
            Assert.Contains("holds no *.yaml, *.yml or *.json files", warning.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Byte_order_marks_and_utf16_files_are_read()
    {
        var dir = Directory.CreateTempSubdirectory("compliancescanner-test-");
        try
        {
            const string yaml = "apiVersion: v1\nkind: Namespace\nmetadata: {name: \"ünïcode\"}\n";
            File.WriteAllText(Path.Combine(dir.FullName, "utf8bom.yaml"), yaml.Replace("ünïcode", "a", StringComparison.Ordinal), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            File.WriteAllText(Path.Combine(dir.FullName, "utf16.yaml"), yaml, new UnicodeEncoding(bigEndian: false, byteOrderMark: true));
            File.WriteAllText(Path.Combine(dir.FullName, "bom.json"), """{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "j"}}""", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

            var result = Loader.Load([dir.FullName]);

            Assert.Empty(result.Errors);
            Assert.Equal(["a", "j", "ünïcode"], result.Snapshot.Namespaces.Select(n => n.Metadata.Name).ToArray());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_cancelled_load_throws_operation_canceled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Loader.LoadMany([("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n", "a.yaml")], cts.Token));
    }

    [Fact]
    public void Loading_many_objects_reports_its_speed()
    {
        const int objects = 6_000;
        var yaml = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
        for (var i = 0; i < objects / 3; i++)
        {
            yaml.Append($"- {{apiVersion: rbac.authorization.k8s.io/v1, kind: Role, metadata: {{name: r{i}, namespace: ns{i % 50}}}, rules: [{{apiGroups: [''], resources: [pods], verbs: [get, list]}}]}}\n");
            yaml.Append($"- {{apiVersion: v1, kind: Service, metadata: {{name: s{i}, namespace: ns{i % 50}}}, spec: {{ports: [{{port: 80}}]}}}}\n");
            yaml.Append($"- {{apiVersion: example.com/v1, kind: Widget, metadata: {{name: w{i}}}, spec: {{a: [1, 2, 3]}}}}\n");
        }

        var text = yaml.ToString();
        Loader.LoadText(text, "warmup.yaml");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = Loader.LoadText(text, "many.yaml");
        watch.Stop();

        // Printed for a person; no timing assertion (machines differ and are shared).
        output.WriteLine(FormattableString.Invariant($"{result.ObjectCount} objects, {text.Length / 1024} KiB: {watch.Elapsed.TotalMilliseconds:F0} ms, {result.ObjectCount / watch.Elapsed.TotalSeconds:F0} objects/s"));
        Assert.Equal(objects, result.ObjectCount);
        Assert.Equal(objects / 3, result.Snapshot.Roles.Length);
        Assert.Empty(result.Errors);
    }
}
