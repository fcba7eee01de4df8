using System.Security.Cryptography;
using System.Text;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Configuration.Tests;

public sealed class ConfigLoaderTests : IDisposable
{
    private const string FullConfig = """
        apiVersion: compliancescanner.io/v1
        kind: ScannerConfig
        cluster: {name: demo}
        source: {path: ../manifests/demo-cluster}
        duties:
          route-editing:
            description: Create or change Ingresses only.
            rules:
            - {apiGroups: [networking.k8s.io], resources: [ingresses], verbs: [create, update]}
          metrics-read:
            rules:
            - {nonResourceURLs: ["/metrics", "/metrics/*"], verbs: [get]}
            - {apiGroups: [""], resources: [configmaps], resourceNames: [metrics-config], verbs: [get]}
        layers:
          cluster:
            subjects:
            - {kind: Group, name: platform-operators}
            - {kind: ServiceAccount, namespace: ingress-nginx, name: ingress-nginx}
            duties: [ingress-class-management, controller-operation]
            namespaces: [ingress-nginx, "cert-*"]
          security:
            subjects: [{kind: User, name: alice@example.com, apiGroup: rbac.authorization.k8s.io}]
            duties: [audit-read, admission-policy-management, metrics-read]
            namespaces: [security]
          namespace:
            teams:
            - name: shop
              subjects: [{kind: Group, name: team-shop}, {kind: ServiceAccount, namespace: shop, name: deployer}]
              namespaces: [shop, "shop-*"]
              namespaceSelector:
                matchLabels: {team: shop, tier: web}
                matchExpressions:
                - {key: env, operator: In, values: [prod, staging]}
                - {key: legacy, operator: DoesNotExist}
              hosts: ["*.shop.example.com", shop.example.com]
              ingressClasses: [nginx-public]
              duties: [route-editing]
              requireTls: true
              contacts: [shop-team@example.com, "#shop-alerts"]
            - name: blog
              subjects: [{kind: Group, name: team-blog}]
              namespaces: [blog]
        separation:
        - {name: routes-vs-certificates, duties: [route-editing, tls-management], beyond: own-namespaces, severity: high}
        - name: classes-vs-admission
          duties: [ingress-class-management, admission-policy-management, rbac-management]
          beyond: anywhere
        ingress:
          forbiddenAnnotations: ["nginx.ingress.kubernetes.io/*-snippet", "nginx.ingress.kubernetes.io/auth-url"]
          defaultBackendAllowedNamespaces: [shop, "blog-*"]
        rules:
          disabled: [SOD-ING-015, SOD-RBAC-002]
          severity: {SOD-ING-003: low, SOD-RBAC-001: critical}
        exceptions:
        - {rule: SOD-ING-003, object: shop/promo, reason: "Promo page, fixed in Q1", approvedBy: ciso@example.com, expires: 2027-01-31}
        - rule: SOD-ING-*
          subject: "Group:team-blog"
          object: "blog/*"
          reason: Migration
          approvedBy: security-team
          expires: 2026-06-01
        """;

    private readonly string tempDir = Path.Combine(Path.GetTempPath(), "cs-config-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(tempDir))
        {
            Directory.Delete(tempDir, recursive: true);
        }
    }

    [Fact]
    public void Full_config_binds_every_field()
    {
        var result = ConfigText.Load(FullConfig);

        Assert.Empty(ConfigText.Messages(result));
        Assert.False(result.HasErrors);
        var config = result.Config!;
        Assert.Equal("demo", config.ClusterName);
        Assert.Equal("/configs/manifests/demo-cluster", config.SourcePath);
        Assert.Equal("scanner.yaml", config.FilePath);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(FullConfig))), config.Digest);

        // Duties: the two declared ones, and every built-in except the replaced route-editing.
        Seq.Equal([.. BuiltinDuties.All.Keys.Append("metrics-read").Order(StringComparer.Ordinal)], config.Duties.Keys);
        var routes = config.Duties["route-editing"];
        Assert.Equal(new Duty(routes.Name, "Create or change Ingresses only.", routes.Rules, Builtin: false), routes);
        Seq.Equal(
            [new PolicyRule { ApiGroups = ["networking.k8s.io"], Resources = ["ingresses"], Verbs = ["create", "update"] }],
            routes.Rules);
        var metrics = config.Duties["metrics-read"];
        Assert.Equal(string.Empty, metrics.Description);
        Assert.False(metrics.Builtin);
        Seq.Equal(
            [
                new PolicyRule { NonResourceUrls = ["/metrics", "/metrics/*"], Verbs = ["get"] },
                new PolicyRule { ApiGroups = [""], Resources = ["configmaps"], ResourceNames = ["metrics-config"], Verbs = ["get"] },
            ],
            metrics.Rules);
        Assert.Same(BuiltinDuties.All["tls-management"], config.Duties["tls-management"]);

        Seq.Equal([Subject.Group("platform-operators"), Subject.ServiceAccount("ingress-nginx", "ingress-nginx")], config.ClusterLayer.Subjects);
        Seq.Equal(["ingress-class-management", "controller-operation"], config.ClusterLayer.Duties);
        Seq.Equal(["ingress-nginx", "cert-*"], config.ClusterLayer.Namespaces);
        Seq.Equal([Subject.User("alice@example.com")], config.SecurityLayer.Subjects);
        Seq.Equal(["audit-read", "admission-policy-management", "metrics-read"], config.SecurityLayer.Duties);
        Seq.Equal(["security"], config.SecurityLayer.Namespaces);

        Assert.Equal(2, config.Teams.Length);
        var shop = config.Teams[0];
        Assert.Equal("shop", shop.Name);
        Seq.Equal([Subject.Group("team-shop"), Subject.ServiceAccount("shop", "deployer")], shop.Subjects);
        Seq.Equal(["shop", "shop-*"], shop.Namespaces);
        Assert.NotNull(shop.NamespaceSelector);
        Seq.Equal([KeyValuePair.Create("team", "shop"), KeyValuePair.Create("tier", "web")], shop.NamespaceSelector.MatchLabels);
        Assert.Equal(2, shop.NamespaceSelector.MatchExpressions.Length);
        Assert.Equal("env In [prod, staging]", Unpack(shop.NamespaceSelector.MatchExpressions[0]));
        Assert.Equal("legacy DoesNotExist []", Unpack(shop.NamespaceSelector.MatchExpressions[1]));
        Seq.Equal(["*.shop.example.com", "shop.example.com"], shop.Hosts);
        Seq.Equal(["nginx-public"], shop.IngressClasses);
        Seq.Equal(["route-editing"], shop.Duties);
        Assert.True(shop.RequireTls);
        Seq.Equal(["shop-team@example.com", "#shop-alerts"], shop.Contacts);
        var blog = config.Teams[1];
        Assert.Equal("blog", blog.Name);
        Seq.Equal([Subject.Group("team-blog")], blog.Subjects);
        Seq.Equal(["blog"], blog.Namespaces);
        Assert.Null(blog.NamespaceSelector);
        Assert.Empty(blog.Hosts);
        Assert.Empty(blog.IngressClasses);
        Assert.Empty(blog.Duties);
        Assert.False(blog.RequireTls);
        Assert.Empty(blog.Contacts);

        Assert.Equal(2, config.Separation.Length);
        Assert.Equal("routes-vs-certificates [route-editing, tls-management] own-namespaces High", Unpack(config.Separation[0]));
        Assert.Equal(
            "classes-vs-admission [ingress-class-management, admission-policy-management, rbac-management] anywhere High",
            Unpack(config.Separation[1]));

        Seq.Equal(["nginx.ingress.kubernetes.io/*-snippet", "nginx.ingress.kubernetes.io/auth-url"], config.Ingress.ForbiddenAnnotations);
        Seq.Equal(["shop", "blog-*"], config.Ingress.DefaultBackendAllowedNamespaces);

        Seq.Equal(["SOD-ING-015", "SOD-RBAC-002"], config.Rules.Disabled.Order(StringComparer.Ordinal));
        Seq.Equal([KeyValuePair.Create("SOD-ING-003", Severity.Low), KeyValuePair.Create("SOD-RBAC-001", Severity.Critical)], config.Rules.SeverityOverrides);

        Seq.Equal(
            [
                new ExceptionEntry
                {
                    Rule = "SOD-ING-003",
                    Object = "shop/promo",
                    Reason = "Promo page, fixed in Q1",
                    ApprovedBy = "ciso@example.com",
                    Expires = new DateOnly(2027, 1, 31),
                    Line = 55,
                },
                new ExceptionEntry
                {
                    Rule = "SOD-ING-*",
                    Object = "blog/*",
                    Subject = "Group:team-blog",
                    Reason = "Migration",
                    ApprovedBy = "security-team",
                    Expires = new DateOnly(2026, 6, 1),
                    Line = 56,
                },
            ],
            config.Exceptions);
    }

    [Fact]
    public void Absent_sections_take_their_defaults()
    {
        var config = ConfigText.Valid(string.Empty);

        Assert.Equal("default", config.ClusterName);
        Assert.Null(config.SourcePath);
        Assert.Same(BuiltinDuties.All, config.Duties);
        Assert.Equal(8, config.Duties.Count);
        Assert.All(config.Duties.Values, d => Assert.True(d.Builtin));
        Assert.Same(LayerDefinition.Empty, config.ClusterLayer);
        Assert.Same(LayerDefinition.Empty, config.SecurityLayer);
        Assert.Empty(config.Teams);
        Assert.Empty(config.Separation);
        Assert.Same(IngressPolicy.Default, config.Ingress);
        Seq.Equal(["nginx.ingress.kubernetes.io/*-snippet"], config.Ingress.ForbiddenAnnotations);
        Assert.Empty(config.Ingress.DefaultBackendAllowedNamespaces);
        Assert.Empty(config.Rules.Disabled);
        Assert.Empty(config.Rules.SeverityOverrides);
        Assert.Empty(config.Exceptions);
    }

    [Fact]
    public void Null_sections_read_as_absent()
    {
        var config = ConfigText.Valid("cluster:\nduties: ~\nlayers:\n  namespace:\n    teams: null\ningress:\nrules: {}\nexceptions: []\n");

        Assert.Equal("default", config.ClusterName);
        Assert.Same(BuiltinDuties.All, config.Duties);
        Assert.Empty(config.Teams);
        Assert.Equal(IngressPolicy.DefaultForbiddenAnnotations, config.Ingress.ForbiddenAnnotations);
    }

    [Fact]
    public void Ingress_section_without_forbiddenAnnotations_keeps_the_default_and_an_empty_list_forbids_none()
    {
        var kept = ConfigText.Valid("ingress: {defaultBackendAllowedNamespaces: [shop]}\n");
        var none = ConfigText.Valid("ingress: {forbiddenAnnotations: []}\n");

        Assert.Equal(IngressPolicy.DefaultForbiddenAnnotations, kept.Ingress.ForbiddenAnnotations);
        Seq.Equal(["shop"], kept.Ingress.DefaultBackendAllowedNamespaces);
        Assert.Empty(none.Ingress.ForbiddenAnnotations);
    }

    [Fact]
    public void Declared_duty_replaces_the_builtin_of_the_same_name_and_keeps_the_others()
    {
        var config = ConfigText.Valid("""
            duties:
              tls-management:
                description: Only TLS secrets in practice.
                rules:
                - {apiGroups: [""], resources: [secrets], verbs: [create]}
            """);

        var duty = config.Duties["tls-management"];
        Assert.False(duty.Builtin);
        Assert.Equal("Only TLS secrets in practice.", duty.Description);
        Seq.Equal([new PolicyRule { ApiGroups = [""], Resources = ["secrets"], Verbs = ["create"] }], duty.Rules);
        Assert.NotEqual(BuiltinDuties.All["tls-management"], duty);
        Assert.Equal(BuiltinDuties.All.Count, config.Duties.Count);
        Assert.All(config.Duties.Values.Where(d => d.Name != "tls-management"), d => Assert.Same(BuiltinDuties.All[d.Name], d));
    }

    [Fact]
    public void Expired_exception_is_a_warning_and_stays_in_the_config()
    {
        var result = ConfigText.Load(ConfigText.Header + """
            exceptions:
            - {rule: SOD-ING-003, object: shop/promo, reason: Promo, approvedBy: ciso, expires: 2026-05-31}
            - {rule: SOD-ING-004, object: shop/promo, reason: Promo, approvedBy: ciso, expires: 2026-06-01}
            """);

        Seq.Equal(
            ["scanner.yaml:4:85: warning: exceptions[0].expires: the exception for SOD-ING-003 on shop/promo expired on 2026-05-31 (today is 2026-06-01): it no longer excuses anything, and the scan reports it as SOD-GOV-001. Hint: renew it with a new expires date and a fresh approval, or remove it."],
            ConfigText.Messages(result));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(ConfigDiagnosticCodes.ExceptionExpired, warning.Code);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.False(result.HasErrors);
        Assert.Empty(result.Errors);
        Assert.NotNull(result.Config);
        Seq.Equal(["SOD-ING-003", "SOD-ING-004"], result.Config.Exceptions.Select(e => e.Rule));
        Assert.True(result.Config.Exceptions[0].IsExpired(ConfigText.Today));
        Assert.False(result.Config.Exceptions[1].IsExpired(ConfigText.Today));
        Assert.Equal(4, result.Config.Exceptions[0].Line);
    }

    [Fact]
    public void Relative_source_path_is_resolved_against_the_base_directory_and_normalized()
    {
        Assert.Equal("/configs/manifests", ConfigText.Valid("source: {path: ./../manifests/./}\n").SourcePath?.TrimEnd('/'));
        Assert.Equal("/configs/prod/demo", ConfigText.Valid("source: {path: demo}\n").SourcePath);
        Assert.Equal("/srv/manifests", ConfigText.Valid("source: {path: /srv/manifests}\n").SourcePath);
    }

    [Fact]
    public void Empty_source_path_is_an_error()
    {
        Seq.Equal(
            ["scanner.yaml:3:16: error: source.path: must be a file or directory path, got \"\"."],
            ConfigText.Diagnose("source: {path: \"\"}\n"));
    }

    [Fact]
    public void LoadFile_resolves_source_path_against_the_config_file_directory()
    {
        var dir = Directory.CreateDirectory(Path.Combine(tempDir, "etc")).FullName;
        var file = Path.Combine(dir, "scanner.yaml");
        File.WriteAllText(file, ConfigText.Header + "source: {path: ../manifests}\n");

        var result = ConfigLoader.LoadFile(file, ConfigText.Today);

        Assert.Empty(ConfigText.Messages(result));
        Assert.Equal(Path.Combine(tempDir, "manifests"), result.Config!.SourcePath);
        Assert.Equal(file, result.Config.FilePath);
    }

    [Fact]
    public void LoadText_without_base_directory_resolves_against_the_current_directory()
    {
        var result = ConfigLoader.LoadText(ConfigText.Header + "source: {path: manifests}\n", "stdin", ConfigText.Today);

        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "manifests"), result.Config!.SourcePath);
    }

    [Fact]
    public void LoadFile_digest_is_the_sha256_of_the_file_bytes_including_a_bom()
    {
        Directory.CreateDirectory(tempDir);
        var file = Path.Combine(tempDir, "bom.yaml");
        byte[] bytes = [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(ConfigText.Header + "cluster: {name: bom}\n")];
        File.WriteAllBytes(file, bytes);

        var result = ConfigLoader.LoadFile(file, ConfigText.Today);

        Assert.Empty(ConfigText.Messages(result));
        Assert.Equal("bom", result.Config!.ClusterName);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), result.Config.Digest);
    }

    [Fact]
    public void LoadFile_of_a_missing_file_is_one_error_without_position()
    {
        var file = Path.Combine(tempDir, "missing.yaml");

        var result = ConfigLoader.LoadFile(file, ConfigText.Today);

        Assert.Null(result.Config);
        Seq.Equal(
            [$"{file}: error: config file not found (looked for {file}). Hint: pass --config <path>, or create scanner.yaml."],
            ConfigText.Messages(result));
        Assert.Equal(ConfigDiagnosticCodes.FileNotFound, result.Diagnostics[0].Code);
    }

    [Fact]
    public void LoadFile_of_invalid_utf8_names_the_offset_and_line()
    {
        Directory.CreateDirectory(tempDir);
        var file = Path.Combine(tempDir, "latin1.yaml");
        File.WriteAllBytes(file, [.. Encoding.UTF8.GetBytes(ConfigText.Header + "cluster: {name: caf"), 0xE9, .. "}\n"u8]);

        var result = ConfigLoader.LoadFile(file, ConfigText.Today);

        Assert.Null(result.Config);
        Seq.Equal([$"{file}: error: the file is not valid UTF-8 (first bad byte at offset 75, line 3). Hint: save it as UTF-8."], ConfigText.Messages(result));
    }

    [Fact]
    public void Collects_every_problem_in_one_pass()
    {
        var result = ConfigText.Load("""
            apiVersion: compliancescanner.io/v2
            kind: ScannerConfig
            cluster: {name: demo, region: eu}
            layers:
              cluster:
                subjects: [{kind: ServiceAccount, name: ingress-nginx}]
                duties: [route-edit]
              namespace:
                teams:
                - name: shop
                  subjects: [{kind: Group, name: team-shop}]
                  namespaces: [shop, "shop-*"]
                  hosts: ["*.*.shop.example.com"]
                  requireTLS: true
                - name: shop
                  subjects: [{kind: Group, name: team-shop}]
                  namespaces: ["shop-a*"]
            separation:
            - {name: solo, duties: [route-editing], beyond: everywhere, severity: urgent}
            rules:
              disabled: [SOD-ING-15]
            exceptions:
            - {rule: SOD-ING-003, reason: "", approvedBy: ciso, expires: 2027-01-31}
            """);

        Assert.Null(result.Config);
        Seq.Equal(
            [
                "scanner.yaml:1:13: error: apiVersion: must be \"compliancescanner.io/v1\", got \"compliancescanner.io/v2\". Hint: this version of the scanner reads apiVersion compliancescanner.io/v1, kind ScannerConfig.",
                "scanner.yaml:3:23: error: cluster.region: unknown field \"region\". Known fields here: name.",
                "scanner.yaml:6:16: error: layers.cluster.subjects[0].namespace: a ServiceAccount subject needs a namespace. Hint: write {kind: ServiceAccount, namespace: <namespace>, name: <name>}.",
                "scanner.yaml:7:14: error: layers.cluster.duties[0]: unknown duty \"route-edit\": it is neither built in nor declared under duties. Hint: did you mean \"route-editing\"?",
                "scanner.yaml:13:15: error: layers.namespace.teams[0].hosts[0]: invalid host \"*.*.shop.example.com\": a wildcard is only allowed as the whole first label, as in *.example.com. Hint: a leading *. stands for exactly one DNS label.",
                "scanner.yaml:14:7: error: layers.namespace.teams[0].requireTLS: unknown field \"requireTLS\". Hint: did you mean \"requireTls\"?",
                "scanner.yaml:15:13: error: layers.namespace.teams[1].name: team name \"shop\" is already used (layers.namespace.teams[0].name, line 10). Hint: merge the two teams or rename one.",
                "scanner.yaml:16:18: error: layers.namespace.teams[1].subjects[0]: subject Group:team-shop is already declared in team shop (layers.namespace.teams[0].subjects[0], line 11). A subject belongs to one layer or team only.",
                "scanner.yaml:17:20: error: layers.namespace.teams[1].namespaces[0]: \"shop-a*\" overlaps \"shop-*\" of team shop (layers.namespace.teams[0].namespaces[1], line 12): both match \"shop-a\". A namespace belongs to one team or layer only.",
                "scanner.yaml:19:24: error: separation[0].duties: a separation rule needs at least two different duties, got 1: it forbids holding all of them at once.",
                "scanner.yaml:19:49: error: separation[0].beyond: \"everywhere\" is not a valid value: expected own-namespaces (a team may combine the duties inside its own namespaces only) or anywhere (nobody may combine them).",
                "scanner.yaml:19:71: error: separation[0].severity: invalid severity \"urgent\": expected one of info, low, medium, high, critical.",
                "scanner.yaml:21:14: error: rules.disabled[0]: \"SOD-ING-15\" is not a rule id: ids look like SOD-ING-003 (SOD-, an upper-case area, -, three digits).",
                "scanner.yaml:23:3: error: exceptions[0].object: an exception needs an object, a subject, or both. Hint: to switch a rule off everywhere, list it under rules.disabled instead.",
                "scanner.yaml:23:31: error: exceptions[0].reason: must not be empty.",
            ],
            ConfigText.Messages(result));
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }

    [Fact]
    public void Diagnostics_are_in_file_order_whatever_order_the_checks_ran_in()
    {
        // Unknown duties are checked after all sections; the separation comes before the layer in this file.
        var result = ConfigText.Load(ConfigText.Header + """
            separation:
            - {name: a, duties: [nope-one, tls-management], beyond: anywhere}
            layers:
              cluster: {duties: [nope-two], bogus: 1}
            """);

        Seq.Equal([(4, 22), (6, 22), (6, 33)], result.Diagnostics.Select(d => (d.Line, d.Column)));
    }

    private static string Unpack(LabelSelectorRequirement r) => $"{r.Key} {r.Operator} [{string.Join(", ", r.Values)}]";

    private static string Unpack(SeparationRule r) => $"{r.Name} [{string.Join(", ", r.Duties)}] {r.Beyond} {r.Severity}";
}
