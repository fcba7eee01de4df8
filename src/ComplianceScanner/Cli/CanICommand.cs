using System.CommandLine;
using ComplianceScanner.Core.Permissions;
using ComplianceScanner.Output;

namespace ComplianceScanner.Cli;

/// <summary>
/// <c>can-i VERB (TYPE | TYPE/NAME | NONRESOURCEURL) --as USER</c>: <c>kubectl auth can-i</c> against manifests. Prints
/// <c>yes</c> (exit 0) or <c>no</c> (exit 1); usage errors exit 2.
/// </summary>
internal static class CanICommand
{
    public static Command Create(CliEnvironment env)
    {
        var (verb, target) = CommonOptions.VerbAndTarget(
            "An API verb: get, list, watch, create, update, patch, delete, deletecollection, bind, escalate, impersonate, use, approve, sign, or * (taken literally).",
            "TYPE (pods, ing, deployments.apps, ingresses.networking.k8s.io, *), TYPE/NAME, or a non-resource URL starting with /.");
        var ns = CommonOptions.Namespace();
        var all = CommonOptions.AllNamespaces();
        var subresource = CommonOptions.Subresource();
        var asUser = new Option<string?>("--as") { Description = "The user to ask for (required): a name, system:serviceaccount:NS:NAME, or system:anonymous." };
        var asGroup = new Option<string[]>("--as-group") { Description = "A group of that user; repeat for several. Given groups replace a service account's implicit ones, as with kubectl." };
        var explain = new Option<bool>("--explain") { Description = "After the answer, print the grant chain that allows it, or what was checked when it is denied." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing; only the exit code answers (0 yes, 1 no)." };
        var config = CommonOptions.Config();
        var from = CommonOptions.From();
        var command = new Command("can-i", "Check whether a user may perform an action, as 'kubectl auth can-i' would answer against the manifests. Exit 0 for yes, 1 for no, 2 for usage errors.")
        {
            verb, target, ns, all, subresource, asUser, asGroup, explain, quiet, config, from,
        };
        CommonOptions.RequireVerbAndTarget(command, verb, target);
        command.SetAction((parse, ct) => Task.FromResult(Run(
            env,
            parse.GetValue(verb)!,
            parse.GetValue(target)!,
            parse.GetValue(subresource),
            parse.GetValue(ns),
            parse.GetValue(all),
            parse.GetValue(asUser),
            parse.GetValue(asGroup) ?? [],
            parse.GetValue(explain),
            parse.GetValue(quiet),
            parse.GetValue(config),
            parse.GetValue(from) ?? [],
            ct)));
        return command;
    }

    private static int Run(
        CliEnvironment env,
        string verb,
        string target,
        string? subresource,
        string? ns,
        bool allNamespaces,
        string? asUser,
        string[] asGroups,
        bool explain,
        bool quiet,
        string? configPath,
        string[] from,
        CancellationToken ct)
    {
        if (string.IsNullOrEmpty(asUser))
        {
            throw new UserInputException(
                "--as USER is required: offline there is no current user to ask as (e.g. --as alice, --as system:serviceaccount:ci:deployer, --as system:anonymous; add --as-group GROUP for groups).");
        }

        if (explain && quiet)
        {
            throw new UserInputException("--explain and --quiet can not be used together.");
        }

        var query = AccessQueryParser.Parse(verb, target, subresource, ns, allNamespaces);
        var user = Impersonation.User(asUser, asGroups);
        var input = QueryInput.Load(env, configPath, from, ct);
        if (input is null)
        {
            return ExitCodes.UsageOrConfig;
        }

        foreach (var warning in query.Warnings)
        {
            env.Error.WriteLine("Warning: " + TerminalText.Sanitize(warning));
        }

        // A binding in an unreadable document could turn no into yes: an answer from part of the input is no answer.
        if (!input.InputErrors.IsEmpty)
        {
            env.Error.WriteLine("not answering: fix or leave out the unreadable input (see the errors above).");
            return ExitCodes.UsageOrConfig;
        }

        var decision = input.Index.Authorize(user, query.Request, collectAll: explain);
        if (!quiet)
        {
            env.Out.WriteLine(decision.Allowed ? "yes" : "no");
            if (explain)
            {
                AccessExplanation.Write(env.Out, input.Index, user, query.Request, decision);
            }
        }

        // ExitCodes.Findings is 1: "no", as kubectl exits.
        return decision.Allowed ? ExitCodes.Ok : ExitCodes.Findings;
    }
}
