using System.Collections.Immutable;
using System.CommandLine;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;
using ComplianceScanner.Output;

namespace ComplianceScanner.Cli;

/// <summary>
/// <c>who-can VERB (TYPE | TYPE/NAME | NONRESOURCEURL)</c>: every subject the RBAC authorizer would allow, with the
/// binding and role that allow it — kubectl-who-can's question, answered with the authorizer's exact semantics
/// (groups, aggregated roles, RoleBindings only in their namespace, <c>system:masters</c>).
/// </summary>
internal static class WhoCanCommand
{
    public const string AnyNamespaceScope = "any namespace";

    public static Command Create(CliEnvironment env)
    {
        var (verb, target) = CommonOptions.VerbAndTarget(
            "An API verb (get, list, create, update, patch, delete, bind, escalate, impersonate, ..., or * taken literally).",
            "TYPE (pods, ing, deployments.apps, ...), TYPE/NAME, or a non-resource URL starting with /.");
        var ns = CommonOptions.Namespace();
        var all = CommonOptions.AllNamespaces();
        var any = new Option<bool>("--any-namespace")
        {
            Description = "Who can do it in at least one namespace: cluster-wide grants plus the RoleBindings of every namespace (what kubectl-who-can -A lists).",
        };
        var subresource = CommonOptions.Subresource();
        var output = new Option<string>("--output", "-o") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        output.Validators.Add(result =>
        {
            if (result.GetValue(output) is not ("table" or "json"))
            {
                result.AddError($"--output: '{result.GetValue(output)}' is not a format; choose table or json.");
            }
        });
        var config = CommonOptions.Config();
        var from = CommonOptions.From();
        var command = new Command("who-can", "List every subject (User, Group, ServiceAccount) that may perform an action, with the binding and role that grant it.")
        {
            verb, target, ns, all, any, subresource, output, config, from,
        };
        CommonOptions.RequireVerbAndTarget(command, verb, target);
        command.SetAction((parse, ct) => Task.FromResult(Run(
            env,
            parse.GetValue(verb)!,
            parse.GetValue(target)!,
            parse.GetValue(subresource),
            parse.GetValue(ns),
            parse.GetValue(all),
            parse.GetValue(any),
            parse.GetValue(output)!,
            parse.GetValue(config),
            parse.GetValue(from) ?? [],
            ct)));
        return command;
    }

    /// <summary>Answers the question on an index (the command's logic without I/O).</summary>
    public static WhoCanAnswer Answer(QuerySnapshot input, AccessQuery query, bool anyNamespace)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(query);
        var request = query.Request;
        var namespaced = request.IsResourceRequest && query.Resource!.IsNamespaced;
        if (!anyNamespace || !namespaced)
        {
            var scope = !request.IsResourceRequest || request.Namespace.Length == 0 ? "cluster-wide" : $"namespace {request.Namespace}";
            return new WhoCanAnswer(query, scope, Merge(input.Index.WhoCan(request)));
        }

        // RuleAllows ignores the namespace: the cluster-wide question finds every ClusterRoleBinding grant (and
        // system:masters), and one pass over the RoleBinding grants finds those that allow it in their own namespace.
        var clusterRequest = request with { Namespace = string.Empty };
        var found = new List<SubjectAccess>(input.Index.WhoCan(clusterRequest));
        foreach (var grant in input.Index.AllGrants())
        {
            if (grant.Namespace is not null && RuleMatching.RuleAllows(grant.Rule, request))
            {
                found.Add(new SubjectAccess(grant.Subject, [grant]));
            }
        }

        return new WhoCanAnswer(query with { Request = clusterRequest }, AnyNamespaceScope, Merge(found));
    }

    private static int Run(
        CliEnvironment env,
        string verb,
        string target,
        string? subresource,
        string? ns,
        bool allNamespaces,
        bool anyNamespace,
        string output,
        string? configPath,
        string[] from,
        CancellationToken ct)
    {
        if (anyNamespace && (ns is not null || allNamespaces))
        {
            throw new UserInputException("--any-namespace can not be used with -n/--namespace or -A/--all-namespaces.");
        }

        var query = AccessQueryParser.Parse(verb, target, subresource, ns, allNamespaces);
        var input = QueryInput.Load(env, configPath, from, ct);
        if (input is null)
        {
            return ExitCodes.UsageOrConfig;
        }

        foreach (var warning in query.Warnings)
        {
            env.Error.WriteLine("Warning: " + TerminalText.Sanitize(warning));
        }

        var answer = Answer(input, query, anyNamespace);
        if (output == "json")
        {
            env.Out.WriteLine(WhoCanJson.Serialize(answer));
        }
        else
        {
            WhoCanTable.Write(env.Out, answer);
        }

        return input.InputErrors.IsEmpty ? ExitCodes.Ok : ExitCodes.UsageOrConfig;
    }

    /// <summary>One entry per subject (system:masters may come from the bypass and from bindings), one grant per binding.</summary>
    private static ImmutableArray<SubjectAccess> Merge(IEnumerable<SubjectAccess> found)
    {
        var bySubject = new Dictionary<Subject, List<Grant>>();
        var order = new List<Subject>();
        foreach (var access in found)
        {
            if (!bySubject.TryGetValue(access.Subject, out var grants))
            {
                bySubject[access.Subject] = grants = [];
                order.Add(access.Subject);
            }

            foreach (var g in access.Grants)
            {
                if (!grants.Exists(x => SameSource(x, g)))
                {
                    grants.Add(g);
                }
            }
        }

        var masters = Subject.Group(UserInfo.MastersGroup);
        return
        [
            .. order
                .OrderBy(s => s.Equals(masters) ? 0 : 1)
                .ThenBy(s => s, Comparer<Subject>.Default)
                .Select(s => new SubjectAccess(s, [.. bySubject[s].OrderBy(GrantRank).ThenBy(g => g.Binding?.Metadata.Namespace ?? string.Empty, StringComparer.Ordinal).ThenBy(g => g.Binding?.Metadata.Name ?? string.Empty, StringComparer.Ordinal)])),
        ];
    }

    private static bool SameSource(Grant a, Grant b) =>
        a.Kind == b.Kind && Equals(a.Binding?.Reference, b.Binding?.Reference);

    // The authorizer's order: the masters bypass, ClusterRoleBindings, then RoleBindings.
    private static int GrantRank(Grant g) => g.Kind == GrantKind.SystemMasters ? 0 : g.Binding!.IsClusterBinding ? 1 : 2;
}
