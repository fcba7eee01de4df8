using System.CommandLine;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.Output;
using ComplianceScanner.Pipeline;

namespace ComplianceScanner.Cli;

/// <summary>
/// <c>explain SUBJECT</c>: a subject's effective permissions per scope, grouped by the declared duties they amount to,
/// judged against the subject's layer, with the chain that grants each one and the findings about the subject.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create(CliEnvironment env)
    {
        var subject = new Argument<string>("SUBJECT")
        {
            Description = "Kind:name, e.g. Group:team-shop, User:alice, ServiceAccount:ci/deployer (or system:serviceaccount:ci:deployer).",
        };
        var config = CommonOptions.Config();
        var from = CommonOptions.From();
        var command = new Command("explain", "Show what a subject can do, per namespace and declared duty, and whether its layer allows it.")
        {
            subject, config, from,
        };
        command.SetAction((parse, ct) => Task.FromResult(Run(env, parse.GetValue(subject)!, parse.GetValue(config), parse.GetValue(from) ?? [], ct)));
        return command;
    }

    /// <summary>Parses <c>Kind:name</c>, <c>ServiceAccount:ns/name</c> or a service account user name.</summary>
    public static Subject Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (UserInfo.TrySplitServiceAccount(text, out var saNs, out var saName))
        {
            return Subject.ServiceAccount(saNs, saName);
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw new UserInputException($"SUBJECT: '{text}' is not Kind:name (e.g. Group:team-shop, User:alice, ServiceAccount:ci/deployer).");
        }

        var kind = text[..colon];
        var name = text[(colon + 1)..];
        return kind.ToLowerInvariant() switch
        {
            "user" => Subject.User(name),
            "group" => Subject.Group(name),
            "serviceaccount" or "sa" => name.Split('/') is [{ Length: > 0 } ns, { Length: > 0 } n]
                ? Subject.ServiceAccount(ns, n)
                : throw new UserInputException($"SUBJECT: a service account is ServiceAccount:namespace/name, not '{text}'."),
            _ => throw new UserInputException($"SUBJECT: unknown kind '{kind}'; use User, Group or ServiceAccount."),
        };
    }

    private static int Run(CliEnvironment env, string subjectText, string? configPath, string[] from, CancellationToken ct)
    {
        var subject = Parse(subjectText);
        var loaded = ConfigResolver.Load(configPath, env);
        if (loaded is null)
        {
            return ExitCodes.UsageOrConfig;
        }

        var (snapshot, errors) = SnapshotReader.Read(InputResolver.Resolve(env, loaded, from), ct);
        foreach (var error in errors)
        {
            env.Error.WriteLine("error: " + TerminalText.Sanitize(error));
        }

        var context = new EvaluationContext(snapshot, loaded.Config, DateOnly.FromDateTime(env.Time.GetUtcNow().UtcDateTime));
        var analysis = context.Duties;
        var duties = analysis.Of(subject);
        var grants = context.Permissions.For(subject);
        var w = env.Out;
        w.WriteLine($"Subject:  {S(subject.ToString())}");
        w.WriteLine($"Layer:    {S(duties.Declaration.Verdict)}");
        if (grants.IsSystemMaster)
        {
            w.WriteLine("          member of system:masters: the API server skips RBAC for it entirely.");
        }

        w.WriteLine($"Verdict:  {(duties.IsCompliant ? "within its boundary" : "OUTSIDE its boundary")}");
        w.WriteLine();
        if (duties.Holdings.IsEmpty)
        {
            w.WriteLine("Duties:   holds no declared duty.");
        }
        else
        {
            w.WriteLine("Duties held (declared in scanner.yaml):");
            foreach (var group in duties.Holdings.GroupBy(h => h.Duty, StringComparer.Ordinal))
            {
                w.WriteLine($"  {S(group.Key)}");
                foreach (var holding in group)
                {
                    w.WriteLine($"    {S(holding.Scope),-32} {(holding.IsCompliant ? "allowed" : "NOT ALLOWED")}");
                    foreach (var g in holding.Grants)
                    {
                        w.WriteLine($"      {S(g.Grant.Rule.ToString())}");
                        w.WriteLine($"        via {S(Via(g.Grant))}");
                    }
                }
            }
        }

        w.WriteLine();
        var byScope = grants.Grants.GroupBy(g => g.Scope, StringComparer.Ordinal).OrderBy(g => g.Key == "cluster-wide" ? string.Empty : g.Key, StringComparer.Ordinal).ToList();
        w.WriteLine(byScope.Count == 0 ? "Effective permissions: none (no binding names this subject)." : "Effective permissions, by scope:");
        foreach (var scope in byScope)
        {
            w.WriteLine($"  {S(scope.Key)}");
            foreach (var g in scope)
            {
                w.WriteLine($"    {S(g.Rule.ToString())}");
                w.WriteLine($"      via {S(Via(g))}");
            }
        }

        var result = new Evaluator(RuleCatalogue.All).Evaluate(context);
        var about = result.Findings.Where(f => f.Subject is { } s && Same(s, subject)).ToList();
        w.WriteLine();
        w.WriteLine(about.Count == 0 ? "Findings about this subject: none." : $"Findings about this subject ({about.Count}):");
        foreach (var f in about)
        {
            w.WriteLine($"  {f.Severity.ToName(),-8} {f.RuleId}  {S(f.Object?.ToString() ?? "-")}  {S(f.Title)}{(f.State == FindingState.Open ? string.Empty : " [" + f.State.ToString().ToLowerInvariant() + "]")}");
        }

        if (grants.Grants.IsEmpty && !grants.IsSystemMaster)
        {
            env.Error.WriteLine($"note: no binding names {subjectText}; check the spelling (kinds and names are case-sensitive).");
        }

        return errors.IsEmpty ? ExitCodes.Ok : ExitCodes.UsageOrConfig;
    }

    /// <summary>The chain between subject and rule: binding, role, and the aggregated source role when there is one.</summary>
    private static string Via(Grant grant) => string.Join(" -> ", grant.Chain.Skip(1).SkipLast(1));

    private static bool Same(Subject a, Subject b) => a.Kind == b.Kind && a.Name == b.Name && (a.Kind != Subject.ServiceAccountKind || a.Namespace == b.Namespace);

    private static string S(string text) => TerminalText.Sanitize(text);
}
