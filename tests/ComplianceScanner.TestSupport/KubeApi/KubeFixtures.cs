using System.Text.Json.Nodes;

namespace ComplianceScanner.TestSupport.KubeApi;

/// <summary>Small JSON objects for the test API server, shaped as kubectl would create them.</summary>
public static class KubeFixtures
{
    public static JsonObject Namespace(string name, IReadOnlyDictionary<string, string>? labels = null) => Obj("v1", "Namespace", null, name, labels);

    public static JsonObject Service(string ns, string name, int port = 80)
    {
        var o = Obj("v1", "Service", ns, name);
        o["spec"] = new JsonObject { ["ports"] = new JsonArray(new JsonObject { ["port"] = port }) };
        return o;
    }

    /// <summary>A Secret with real-looking data, so tests can prove it never leaves the server.</summary>
    public static JsonObject Secret(string ns, string name, string type = "Opaque", string dataValue = "c2VjcmV0LXZhbHVl")
    {
        var o = Obj("v1", "Secret", ns, name);
        o["type"] = type;
        o["data"] = new JsonObject { ["key"] = dataValue };
        return o;
    }

    public static JsonObject ConfigMap(string ns, string name, IReadOnlyDictionary<string, string> data)
    {
        var o = Obj("v1", "ConfigMap", ns, name);
        o["data"] = Map(data);
        return o;
    }

    public static JsonObject Ingress(string ns, string name, string host, string service = "web", string? className = null, string? tlsSecret = null)
    {
        var o = Obj("networking.k8s.io/v1", "Ingress", ns, name);
        var spec = new JsonObject();
        if (className is not null)
        {
            spec["ingressClassName"] = className;
        }

        spec["rules"] = new JsonArray(new JsonObject
        {
            ["host"] = host,
            ["http"] = new JsonObject
            {
                ["paths"] = new JsonArray(new JsonObject
                {
                    ["path"] = "/",
                    ["pathType"] = "Prefix",
                    ["backend"] = new JsonObject { ["service"] = new JsonObject { ["name"] = service, ["port"] = new JsonObject { ["number"] = 80 } } },
                }),
            },
        });
        if (tlsSecret is not null)
        {
            spec["tls"] = new JsonArray(new JsonObject { ["hosts"] = new JsonArray(host), ["secretName"] = tlsSecret });
        }

        o["spec"] = spec;
        return o;
    }

    public static JsonObject IngressClass(string name, string controller = "k8s.io/ingress-nginx", bool isDefault = false)
    {
        var o = Obj("networking.k8s.io/v1", "IngressClass", null, name);
        if (isDefault)
        {
            o["metadata"]!["annotations"] = new JsonObject { ["ingressclass.kubernetes.io/is-default-class"] = "true" };
        }

        o["spec"] = new JsonObject { ["controller"] = controller };
        return o;
    }

    public static JsonObject Role(string ns, string name, string[] apiGroups, string[] resources, string[] verbs)
    {
        var o = Obj("rbac.authorization.k8s.io/v1", "Role", ns, name);
        o["rules"] = new JsonArray(Rule(apiGroups, resources, verbs));
        return o;
    }

    public static JsonObject ClusterRole(string name, string[] apiGroups, string[] resources, string[] verbs)
    {
        var o = Obj("rbac.authorization.k8s.io/v1", "ClusterRole", null, name);
        o["rules"] = new JsonArray(Rule(apiGroups, resources, verbs));
        return o;
    }

    /// <summary>A RoleBinding of <paramref name="roleKind"/> <paramref name="role"/> to one Group (or User/ServiceAccount) subject.</summary>
    public static JsonObject RoleBinding(string ns, string name, string role, string subject, string subjectKind = "Group", string roleKind = "ClusterRole")
    {
        var o = Obj("rbac.authorization.k8s.io/v1", "RoleBinding", ns, name);
        o["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = roleKind, ["name"] = role };
        o["subjects"] = new JsonArray(Subject(subjectKind, subject, ns));
        return o;
    }

    public static JsonObject ClusterRoleBinding(string name, string role, string subject, string subjectKind = "Group")
    {
        var o = Obj("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, name);
        o["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = role };
        o["subjects"] = new JsonArray(Subject(subjectKind, subject, "default"));
        return o;
    }

    public static JsonObject Deployment(string ns, string name, string serviceAccount = "default", string image = "example/app:1")
    {
        var o = Obj("apps/v1", "Deployment", ns, name);
        o["spec"] = new JsonObject
        {
            ["template"] = new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["serviceAccountName"] = serviceAccount,
                    ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = image }),
                },
            },
        };
        return o;
    }

    public static JsonObject ValidatingAdmissionPolicy(string name) => Obj("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy", null, name);

    private static JsonObject Subject(string kind, string name, string ns)
    {
        var s = new JsonObject { ["kind"] = kind, ["name"] = name };
        if (kind == "ServiceAccount")
        {
            s["namespace"] = ns;
        }
        else
        {
            s["apiGroup"] = "rbac.authorization.k8s.io";
        }

        return s;
    }

    private static JsonObject Rule(string[] apiGroups, string[] resources, string[] verbs) => new()
    {
        ["apiGroups"] = Array(apiGroups),
        ["resources"] = Array(resources),
        ["verbs"] = Array(verbs),
    };

    private static JsonArray Array(string[] values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    private static JsonObject Map(IReadOnlyDictionary<string, string> values)
    {
        var o = new JsonObject();
        foreach (var (k, v) in values)
        {
            o[k] = v;
        }

        return o;
    }

    private static JsonObject Obj(string apiVersion, string kind, string? ns, string name, IReadOnlyDictionary<string, string>? labels = null)
    {
        var meta = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            meta["namespace"] = ns;
        }

        if (labels is not null)
        {
            meta["labels"] = Map(labels);
        }

        return new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = meta };
    }
}
