using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;
using ComplianceScanner.Core.Snapshot;
using ComplianceScanner.TestSupport;
using static ComplianceScanner.Core.Tests.Permissions.Rbac;
using static ComplianceScanner.Core.Tests.Permissions.RbacFixture;

namespace ComplianceScanner.Core.Tests.Permissions;

public sealed partial class PermissionIndexTests
{
    private static readonly AuthorizationRequest CreateIngressInShop =
        AuthorizationRequest.ForResource("create", "networking.k8s.io", "ingresses", "shop");

    [Fact]
    public void Dangling_bindings_are_listed_with_their_reason()
    {
        var dangling = Engine.DanglingBindings.ToDictionary(d => d.Binding.Metadata.QualifiedName, d => d.Reason);

        Assert.Equal(
            new Dictionary<string, DanglingReason>
            {
                ["crb-missing"] = DanglingReason.ClusterRoleNotFound,
                ["crb-role-ref"] = DanglingReason.RoleInClusterBinding,
                ["shop/rb-missing"] = DanglingReason.RoleNotFound,
                ["shop/rb-other-role"] = DanglingReason.RoleNotFound,
            },
            dangling);
        Assert.Contains(Engine.DanglingBindings, d => d.Message.Contains("does not exist in namespace shop", StringComparison.Ordinal));
    }

    [Fact]
    public void Unsupported_roleRef_kind_is_dangling()
    {
        var index = PermissionIndex.Build(new ClusterSnapshot { ClusterRoleBindings = [Crb("x", "Group", "admins", Subject.User("a"))] });

        Assert.Equal(DanglingReason.UnsupportedKind, Assert.Single(index.DanglingBindings).Reason);
    }

    [Fact]
    public void Denial_reports_resolution_errors_of_bindings_that_apply()
    {
        var decision = Engine.Authorize(User("bob"), AuthorizationRequest.ForResource("get", "", "configmaps", "shop", "c"));

        Assert.False(decision.Allowed);
        Assert.Equal(4, decision.ResolutionErrors.Length);
        Assert.Contains("resolution errors", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Ineffective_subjects_are_listed()
    {
        var ineffective = Engine.IneffectiveSubjects.Select(s => (s.Binding.Metadata.Name, s.Subject.Name)).ToList();

        Assert.Equal([("crb-sa-nons", "ghost"), ("crb-wrong-kind", "mallory")], ineffective);
    }

    [Fact]
    public void Missing_service_accounts_are_reported_only_where_the_namespace_has_service_accounts()
    {
        var snapshot = new ClusterSnapshot
        {
            ServiceAccounts = [ServiceAccount("shop", "deployer")],
            RoleBindings =
            [
                Rb("shop", "b1", "ClusterRole", "view", Subject.ServiceAccount("shop", "deployer"), Subject.ServiceAccount("shop", "missing"), Subject.ServiceAccount("shop", "default")),
                Rb("other", "b2", "ClusterRole", "view", Subject.ServiceAccount("other", "unknown")),
            ],
            ClusterRoles = [ClusterRole("view")],
        };

        var unresolved = PermissionIndex.Build(snapshot).UnresolvedServiceAccounts;

        Assert.Equal(Subject.ServiceAccount("shop", "missing"), Assert.Single(unresolved).ServiceAccount);
    }

    [Fact]
    public void Authorize_reports_the_provenance_chain_of_an_aggregated_rule()
    {
        var decision = Engine.Authorize(User("ivan"), AuthorizationRequest.ForResource("get", "", "services", "shop", "s"));

        var grant = decision.AllowedBy!;
        Assert.Equal(Subject.User("ivan"), grant.Subject);
        Assert.Equal("aggregated-top", grant.Role!.Role.Metadata.Name);
        Assert.True(grant.IsAggregated);
        Assert.Equal("agg-extra", grant.Source!.Origin.Metadata.Name);
        Assert.Equal(0, grant.Source.OriginRuleIndex);
        Assert.Equal(["aggregated-feature"], grant.Source.Via.AsEnumerable());
        Assert.Null(grant.Namespace);
        Assert.Equal(
            "User:ivan -> ClusterRoleBinding crb-agg -> ClusterRole/aggregated-top -> ClusterRole/agg-extra rule #0 (via aggregated-feature) -> rule #1: verbs=[get] apiGroups=[\"\"] resources=[services] (cluster-wide)",
            grant.ToString());
    }

    [Fact]
    public void Authorize_reason_uses_the_Go_authorizer_wording()
    {
        var viaRb = Engine.Authorize(Sa("shop", "deployer"), AuthorizationRequest.ForResource("create", "", "pods", "shop", "p", "exec"));
        var viaCrb = Engine.Authorize(Member("platform"), CreateIngressInShop);

        Assert.Equal("RBAC: allowed by RoleBinding \"rb-sa-default-ns/shop\" of ClusterRole \"pods-exec\" to ServiceAccount \"deployer/shop\"", viaRb.Reason);
        Assert.Equal("RBAC: allowed by ClusterRoleBinding \"crb-ingress-editors\" of ClusterRole \"ingress-editor\" to Group \"platform\"", viaCrb.Reason);
    }

    [Fact]
    public void Authorize_visits_cluster_bindings_before_role_bindings_and_collects_all_matches()
    {
        var user = new UserInfo("alice", ["platform", "admins"]);

        var first = Engine.Authorize(user, CreateIngressInShop);
        var all = Engine.Authorize(user, CreateIngressInShop, collectAll: true);

        Assert.Equal("crb-admins", first.AllowedBy!.Binding!.Metadata.Name);
        Assert.Equal(
            ["crb-admins", "crb-ingress-editors", "rb-editor"],
            all.Matches.Select(g => g.Binding!.Metadata.Name));
    }

    [Fact]
    public void Authorize_picks_the_first_applying_subject_of_a_binding()
    {
        var index = PermissionIndex.Build(new ClusterSnapshot
        {
            ClusterRoles = [ClusterRole("r", Rule([""], ["pods"], ["get"]))],
            ClusterRoleBindings = [Crb("b", "ClusterRole", "r", Subject.Group("g1"), Subject.User("u"), Subject.Group("g2"))],
        });

        var decision = index.Authorize(new UserInfo("u", ["g2"]), AuthorizationRequest.ForResource("get", "", "pods", "shop", "p"), collectAll: true);

        Assert.Equal(Subject.User("u"), Assert.Single(decision.Matches).Subject);
    }

    [Fact]
    public void System_masters_is_allowed_with_a_chain_that_says_so()
    {
        var decision = Engine.Authorize(new UserInfo("root", ["system:masters"]), AuthorizationRequest.ForNonResource("get", "/x"));

        Assert.Equal(GrantKind.SystemMasters, decision.AllowedBy!.Kind);
        Assert.Equal(Subject.Group("system:masters"), decision.AllowedBy.Subject);
        Assert.Equal(Grant.AllNonResourceUrls, decision.AllowedBy.Rule);
        Assert.Contains("bypasses RBAC", decision.AllowedBy.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WhoCan_reports_subjects_as_named_in_bindings()
    {
        var access = Engine.WhoCan(CreateIngressInShop);

        Assert.Equal(
            ["Group:system:masters", "Group:admins", "Group:platform", "User:alice"],
            access.Select(a => a.Subject.ToString()));
        Assert.Equal("crb-admins", access[1].Grants.Single().Binding!.Metadata.Name);
    }

    [Fact]
    public void WhoCan_without_namespace_ignores_role_bindings()
    {
        var access = Engine.WhoCan(AuthorizationRequest.ForResource("list", "networking.k8s.io", "ingresses"), includeSystemMasters: false);

        Assert.Equal(["Group:admins", "Group:platform"], access.Select(a => a.Subject.ToString()));
    }

    [Fact]
    public void WhoCan_reports_service_accounts_with_their_defaulted_namespace_and_implicit_groups_as_groups()
    {
        var exec = Engine.WhoCan(AuthorizationRequest.ForResource("create", "", "pods", "shop", "p", "exec"), includeSystemMasters: false);
        var review = Engine.WhoCan(AuthorizationRequest.ForResource("create", "authorization.k8s.io", "selfsubjectaccessreviews"), includeSystemMasters: false);

        Assert.Equal(["Group:admins", "ServiceAccount:shop/deployer"], exec.Select(a => a.Subject.ToString()));
        Assert.Equal(["Group:admins", "Group:system:authenticated"], review.Select(a => a.Subject.ToString()));
    }

    [Fact]
    public void WhoCan_for_a_url_uses_only_cluster_bindings()
    {
        var access = Engine.WhoCan(AuthorizationRequest.ForNonResource("get", "/healthz"), includeSystemMasters: false);

        Assert.Equal(
            ["Group:system:serviceaccounts:monitoring", "Group:system:unauthenticated", "User:dave"],
            access.Select(a => a.Subject.ToString()));
    }

    [Fact]
    public void WhoCan_agrees_with_Authorize_for_every_conformance_case()
    {
        foreach (var c in Cases.Where(c => !c.User.IsSystemMaster))
        {
            var subjects = Engine.WhoCan(c.Request, includeSystemMasters: false).Select(a => a.Subject).ToList();
            var holders = subjects.Any(s => s.Kind == Subject.GroupKind ? c.User.InGroup(s.Name) : s.UserName == c.User.Name);

            Assert.True(c.Allowed == holders, c.Name);
        }
    }

    [Fact]
    public void For_a_group_lists_bindings_naming_the_group_with_scope()
    {
        var grants = Engine.For(Subject.Group("team-agg"));

        Assert.False(grants.IsSystemMaster);
        Assert.All(grants.Grants, g => Assert.Equal("shop", g.Namespace));
        Assert.Equal(["shop"], grants.Namespaces.AsEnumerable());
        Assert.Equal(2, grants.Grants.Length);
        Assert.Empty(grants.ClusterWide);
    }

    [Fact]
    public void For_a_user_subject_excludes_implicit_groups_but_for_the_user_includes_them()
    {
        var direct = Engine.For(Subject.User("alice"));
        var effective = Engine.For(UserInfo.ForSubject(Subject.User("alice")));

        Assert.All(direct.Grants, g => Assert.Equal("rb-editor", g.Binding!.Metadata.Name));
        Assert.Contains(effective.Grants, g => g.Binding!.Metadata.Name == "crb-authenticated" && g.Subject == Subject.Group("system:authenticated"));
        Assert.Equal(direct.Grants.Length + 1, effective.Grants.Length);
    }

    [Fact]
    public void For_a_service_account_includes_user_subjects_with_its_user_name()
    {
        var index = PermissionIndex.Build(new ClusterSnapshot
        {
            ClusterRoles = [ClusterRole("r", Rule([""], ["pods"], ["get"]))],
            RoleBindings = [Rb("ns", "b", "ClusterRole", "r", Subject.User("system:serviceaccount:ns:sa"))],
        });

        var grants = index.For(Subject.ServiceAccount("ns", "sa"));

        Assert.Equal(Subject.User("system:serviceaccount:ns:sa"), Assert.Single(grants.Grants).Subject);
    }

    [Fact]
    public void For_system_masters_holds_everything()
    {
        var grants = Engine.For(Subject.Group("system:masters"));

        Assert.True(grants.IsSystemMaster);
        Assert.Equal([Grant.AllResources, Grant.AllNonResourceUrls], grants.Grants.Select(g => g.Rule));
    }

    [Fact]
    public void For_reports_dangling_bindings_of_the_subject()
    {
        var grants = Engine.For(Subject.User("bob"));

        Assert.Empty(grants.Grants);
        Assert.Equal(4, grants.ResolutionErrors.Length);
    }

    [Fact]
    public void For_a_service_account_without_namespace_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Engine.For(new Subject(Subject.ServiceAccountKind, "x")));

        Assert.Contains("no namespace", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_resource_rules_through_a_role_binding_are_not_effective()
    {
        var grants = Engine.For(Subject.User("carol")).Grants;

        Assert.True(grants.Single(g => g.Rule.NonResourceUrls.IsEmpty).IsEffective);
        Assert.False(grants.Single(g => !g.Rule.NonResourceUrls.IsEmpty).IsEffective);
    }

    [Fact]
    public void GrantsCovering_reports_scope_and_covered_tuples()
    {
        var duty = Rule(["networking.k8s.io", "extensions"], ["ingresses"], ["create", "update", "patch", "delete"]);

        var alice = Engine.GrantsCovering(Subject.User("alice"), duty);
        var platform = Engine.GrantsCovering(Subject.Group("platform"), duty);
        var admins = Engine.GrantsCovering(Subject.Group("admins"), duty);

        Assert.Equal("shop", Assert.Single(alice).Grant.Namespace);
        Assert.Equal(4, alice[0].Covered.Length);
        Assert.All(alice[0].Covered, t => Assert.Equal("networking.k8s.io", t.ApiGroups.Single()));
        Assert.True(Assert.Single(platform).Grant.IsClusterWide);
        Assert.Equal(8, Assert.Single(admins).Covered.Length);
    }

    [Fact]
    public void GrantsCovering_name_restricted_grants_cover_only_when_asked()
    {
        var duty = Rule([""], ["secrets"], ["update"]);

        var strict = Engine.GrantsCovering(Subject.User("hank"), duty);
        var lenient = Engine.GrantsCovering(Subject.User("hank"), duty, includeNameRestricted: true);
        var named = Engine.GrantsCovering(Subject.User("hank"), Rule([""], ["secrets"], ["update"], ["tls-shop"]));

        Assert.Empty(strict);
        var partial = Assert.Single(lenient);
        Assert.False(partial.IsFull);
        Assert.Single(partial.CoveredForNamesOnly);
        Assert.True(Assert.Single(named).IsFull);
    }

    [Fact]
    public void GrantsCovering_a_url_duty_ignores_role_bindings()
    {
        var duty = Urls(["/healthz"], ["get"]);

        Assert.Empty(Engine.GrantsCovering(Subject.User("carol"), duty));
        Assert.Single(Engine.GrantsCovering(Subject.User("dave"), duty));
    }

    [Fact]
    public void GrantsCovering_for_a_user_includes_implicit_groups()
    {
        var duty = Rule(["authorization.k8s.io"], ["selfsubjectaccessreviews"], ["create"]);

        Assert.Empty(Engine.GrantsCovering(Subject.User("zed"), duty));
        Assert.Single(Engine.GrantsCovering(User("zed"), duty));
    }

    [Fact]
    public void WhoHolds_finds_every_subject_covering_a_duty()
    {
        var duty = Rule(["networking.k8s.io"], ["ingresses"], ["delete"]);

        var holders = Engine.WhoHolds(duty);

        Assert.Equal(
            ["Group:system:masters", "Group:admins", "Group:platform", "User:alice"],
            holders.Select(h => h.Subject.ToString()));
        Assert.Equal("shop", holders.Single(h => h.Subject == Subject.User("alice")).Grant.Namespace);
    }

    [Fact]
    public void WhoHolds_agrees_with_GrantsCovering_per_subject()
    {
        var duty = Rule(["", "networking.k8s.io"], ["secrets", "ingresses", "pods/exec"], ["get", "create", "update"]);

        var holders = Engine.WhoHolds(duty, includeSystemMasters: false).GroupBy(h => h.Subject);

        foreach (var group in holders)
        {
            var direct = Engine.GrantsCovering(group.Key, duty);
            Assert.Equal(direct.Length, group.Count());
            Assert.Equal(direct.SelectMany(d => d.Covered).Count(), group.SelectMany(d => d.Covered).Count());
        }
    }

    [Fact]
    public void Subjects_lists_every_effective_binding_subject_once()
    {
        Assert.Contains(Subject.ServiceAccount("shop", "deployer"), Engine.Subjects);
        Assert.DoesNotContain(Engine.Subjects, s => s.Name is "ghost" or "mallory");
        Assert.Equal(Engine.Subjects.Length, Engine.Subjects.Distinct().Count());
    }

    [Fact]
    public void AllGrants_covers_every_subject_of_every_resolved_binding()
    {
        var all = Engine.AllGrants().ToList();

        // Only bob's bindings all dangle, so only bob holds nothing.
        Assert.Equal([Subject.User("bob")], Engine.Subjects.Except(all.Select(g => g.Subject)));
        Assert.DoesNotContain(all, g => g.Binding!.Metadata.Name == "crb-missing");
    }

    [Fact]
    public void WithBindingChanged_adds_removes_and_replaces_like_a_rebuild()
    {
        var added = Rb("other", "new", "ClusterRole", "ingress-editor", Subject.User("alice"));
        var original = RbacFixture.Snapshot.RoleBindings.Single(b => b.Metadata.Name == "rb-editor");
        var replaced = original with { Subjects = [Subject.User("zoe")] };
        var removedCrb = RbacFixture.Snapshot.ClusterRoleBindings.Single(b => b.Metadata.Name == "crb-missing");

        var changed = Engine
            .WithBindingChanged(null, added)
            .WithBindingChanged(original, replaced)
            .WithBindingChanged(removedCrb, null);
        var rebuilt = PermissionIndex.Build(RbacFixture.Snapshot with
        {
            RoleBindings = [.. RbacFixture.Snapshot.RoleBindings.Select(b => b == original ? replaced : b), added],
            ClusterRoleBindings = [.. RbacFixture.Snapshot.ClusterRoleBindings.Where(b => b != removedCrb)],
        });

        Assert.Equal(rebuilt.BindingCount, changed.BindingCount);
        Assert.Equal(Describe(rebuilt), Describe(changed));
        Assert.Equal(rebuilt.DanglingBindings.Select(d => d.Message), changed.DanglingBindings.Select(d => d.Message));
        Assert.Equal(rebuilt.Subjects.AsEnumerable(), changed.Subjects.AsEnumerable());
        foreach (var c in Cases)
        {
            Assert.Equal(rebuilt.Authorize(c.User, c.Request).Allowed, changed.Authorize(c.User, c.Request).Allowed);
        }

        Assert.True(changed.Authorize(User("alice"), AuthorizationRequest.ForResource("create", "networking.k8s.io", "ingresses", "other")).Allowed);
        Assert.True(changed.Authorize(User("zoe"), CreateIngressInShop).Allowed);

        // The original index is untouched.
        Assert.False(Engine.Authorize(User("zoe"), CreateIngressInShop).Allowed);
        Assert.True(Engine.Authorize(User("alice"), CreateIngressInShop).Allowed);
        Assert.Contains(Engine.DanglingBindings, d => d.Binding.Metadata.Name == "crb-missing");
    }

    [Fact]
    public void WithBindingChanged_adding_an_existing_name_replaces_it_and_earlier_indexes_keep_their_state()
    {
        var first = Rb("shop", "rb-editor", "ClusterRole", "basic", Subject.User("alice"));
        var second = first with { Subjects = [Subject.User("yann")] };

        var one = Engine.WithBindingChanged(null, first);
        var two = one.WithBindingChanged(first, second);

        Assert.Equal(Engine.BindingCount, one.BindingCount);
        Assert.False(one.Authorize(User("alice"), CreateIngressInShop).Allowed);
        Assert.True(one.Authorize(new UserInfo("alice", []), AuthorizationRequest.ForResource("create", "authorization.k8s.io", "selfsubjectaccessreviews", "shop")).Allowed);
        Assert.False(two.Authorize(new UserInfo("alice", []), AuthorizationRequest.ForResource("create", "authorization.k8s.io", "selfsubjectaccessreviews", "shop")).Allowed);
        Assert.True(two.Authorize(new UserInfo("yann", []), AuthorizationRequest.ForResource("create", "authorization.k8s.io", "selfsubjectaccessreviews", "shop")).Allowed);
        Assert.True(one.Authorize(new UserInfo("alice", []), AuthorizationRequest.ForResource("create", "authorization.k8s.io", "selfsubjectaccessreviews", "shop")).Allowed);
    }

    [Fact]
    public void WithBindingChanged_can_remove_every_binding()
    {
        var index = Engine;
        foreach (var b in RbacFixture.Snapshot.ClusterRoleBindings.Concat(RbacFixture.Snapshot.RoleBindings))
        {
            index = index.WithBindingChanged(b, null);
        }

        Assert.Equal(0, index.BindingCount);
        Assert.Empty(index.DanglingBindings);
        Assert.Empty(index.Subjects);
        Assert.Equal(["Group:system:masters"], index.WhoCan(CreateIngressInShop).Select(a => a.Subject.ToString()));
    }

    [Fact]
    public void Aggregated_rules_mode_chooses_computed_declared_or_union()
    {
        var snapshot = new ClusterSnapshot
        {
            ClusterRoles =
            [
                ClusterRole("src", Rule([""], ["pods"], ["get"])).Labeled(("a", "1")),
                ClusterRole("agg", Rule([""], ["secrets"], ["get"])).Aggregating(Labels(("a", "1"))),
            ],
            ClusterRoleBindings = [Crb("b", "ClusterRole", "agg", Subject.User("u"))],
        };
        var user = new UserInfo("u", []);
        var pods = AuthorizationRequest.ForResource("get", "", "pods", "ns", "p");
        var secrets = AuthorizationRequest.ForResource("get", "", "secrets", "ns", "s");

        bool Allowed(AggregatedRulesMode mode, AuthorizationRequest req) =>
            PermissionIndex.Build(snapshot, new PermissionIndexOptions { AggregatedRules = mode }).Authorize(user, req).Allowed;

        Assert.True(Allowed(AggregatedRulesMode.Union, pods) && Allowed(AggregatedRulesMode.Union, secrets));
        Assert.True(Allowed(AggregatedRulesMode.Computed, pods) && !Allowed(AggregatedRulesMode.Computed, secrets));
        Assert.True(!Allowed(AggregatedRulesMode.Declared, pods) && Allowed(AggregatedRulesMode.Declared, secrets));
    }

    [Fact]
    public void ResolveRoleRef_follows_the_authorizer()
    {
        Assert.NotNull(Engine.ResolveRoleRef(new RoleRef("Role", "shop-secrets"), "shop"));
        Assert.Null(Engine.ResolveRoleRef(new RoleRef("Role", "shop-secrets"), "other"));
        Assert.Null(Engine.ResolveRoleRef(new RoleRef("Role", "shop-secrets"), null));
        Assert.NotNull(Engine.ResolveRoleRef(new RoleRef("ClusterRole", "basic"), "shop"));
        Assert.Null(Engine.ResolveRoleRef(new RoleRef("clusterrole", "basic"), null));
    }

    [SkippableFact]
    public void Bootstrap_policy_resolves_without_dangling_references()
    {
        var index = PermissionIndex.Build(LoadBootstrapPolicy());

        Assert.Empty(index.DanglingBindings);
        Assert.Empty(index.IneffectiveSubjects);
        Assert.True(index.BindingCount > 50);
    }

    [SkippableFact]
    public void Bootstrap_policy_authorizes_like_a_fresh_cluster()
    {
        var index = PermissionIndex.Build(LoadBootstrapPolicy());
        var anyone = UserInfo.ForSubject(Subject.User("someone"));
        var scheduler = UserInfo.Authenticated("system:kube-scheduler");

        Assert.True(index.Authorize(anyone, AuthorizationRequest.ForResource("create", "authorization.k8s.io", "selfsubjectaccessreviews")).Allowed);
        Assert.True(index.Authorize(UserInfo.Anonymous, AuthorizationRequest.ForNonResource("get", "/healthz")).Allowed);
        Assert.False(index.Authorize(UserInfo.Anonymous, AuthorizationRequest.ForResource("list", "", "secrets")).Allowed);
        Assert.False(index.Authorize(anyone, AuthorizationRequest.ForResource("list", "", "secrets", "default")).Allowed);
        Assert.True(index.Authorize(scheduler, AuthorizationRequest.ForResource("create", "", "pods", "shop", "p", "binding")).Allowed);
        Assert.True(index.Authorize(scheduler, AuthorizationRequest.ForResource("get", "coordination.k8s.io", "leases", "kube-system", "kube-scheduler")).Allowed);
        // The ClusterRole limits leases to the name kube-scheduler; only a Role in kube-system allows more.
        Assert.False(index.Authorize(scheduler, AuthorizationRequest.ForResource("get", "coordination.k8s.io", "leases", "shop", "other-lease")).Allowed);
        Assert.True(index.Authorize(scheduler, AuthorizationRequest.ForResource("get", "coordination.k8s.io", "leases", "kube-system", "other-lease")).Allowed);
        Assert.False(index.Authorize(scheduler, AuthorizationRequest.ForResource("delete", "", "secrets", "shop", "s")).Allowed);

        var cronJob = UserInfo.ForSubject(Subject.ServiceAccount("kube-system", "cronjob-controller"));
        Assert.True(index.Authorize(cronJob, AuthorizationRequest.ForResource("create", "batch", "jobs", "shop")).Allowed);
        Assert.Equal(
            "system:controller:cronjob-controller",
            index.Authorize(cronJob, AuthorizationRequest.ForResource("create", "batch", "jobs", "shop")).AllowedBy!.Binding!.Metadata.Name);
    }

    internal static ClusterSnapshot LoadBootstrapPolicy()
    {
        var dir = Path.Combine(SharedCorpus.RequirePath(), "kubernetes-bootstrappolicy", "plugin", "pkg", "auth", "authorizer", "rbac", "bootstrappolicy", "testdata");
        return RbacYamlTestMapper.Load(Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal));
    }

    private static List<string> Describe(PermissionIndex index) =>
        [.. index.AllGrants().Select(g => g.ToString())];
}
