using System.CommandLine;
using System.Globalization;
using ComplianceScanner.Evidence;
using ComplianceScanner.History;
using ComplianceScanner.Output;

namespace ComplianceScanner.Cli;

/// <summary>
/// <c>bundle create</c>: write a recorded scan's signed, chained evidence bundle; <c>bundle verify</c>: check one
/// (exit 0 valid, 1 tampered or broken chain, 2 usage).
/// </summary>
internal static class BundleCommand
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("bundle", "Evidence bundles: a scan's snapshot, permissions, findings, reports, config and templates in a signed, chained tar.gz.");
        command.Subcommands.Add(CreateCommand(env));
        command.Subcommands.Add(VerifyCommand(env));
        return command;
    }

    private static Command CreateCommand(CliEnvironment env)
    {
        var store = StoreOption.Create();
        var config = CommonOptions.Config();
        var scan = new Option<long?>("--scan") { Description = "The scan id ('history' lists them). Default: the newest scan.", HelpName = "ID" };
        var outDir = new Option<string>("--out", "-o") { Description = "Directory for the bundle.", DefaultValueFactory = _ => "evidence", HelpName = "DIR" };
        var key = new Option<string?>("--key")
        {
            Description = "PEM file with the ECDSA P-256 private key that signs the manifest (e.g. a mounted Secret). Default: STORE-evidence.key beside the store, created with its .pub on first use.",
            HelpName = "FILE",
        };
        var command = new Command("create", "Write the evidence bundle of a recorded scan, signed and chained to the cluster's previous bundle.")
        {
            store, config, scan, outDir, key,
        };
        command.SetAction((parse, ct) =>
        {
            if (parse.GetValue(scan) is { } id && id <= 0)
            {
                throw new UserInputException($"--scan: '{id}' is not a scan id; scan ids are the numbers 'history' lists.");
            }

            using var history = StoreOption.OpenForReading(env, parse.GetValue(store), parse.GetValue(config));
            var keyLoad = LoadKey(env, history.Path, parse.GetValue(key));
            using var signing = keyLoad.Key;
            if (keyLoad.Created)
            {
                env.Out.WriteLine($"Created a new signing key pair: private key {Shown(env, keyLoad.PrivateKeyPath)} (mode 0600; keep it secret and back it up), public key {Shown(env, keyLoad.PublicKeyPath)} (give it to auditors: bundle verify --public-key).");
            }

            EvidenceBundle bundle;
            try
            {
                bundle = new EvidenceBundleWriter().Write(history, parse.GetValue(scan), signing, env.Resolve(parse.GetValue(outDir)!), ct);
            }
            catch (Exception ex) when (ex is HistoryStoreException or EvidenceException)
            {
                throw new UserInputException(ex.Message, ex);
            }

            var m = bundle.Manifest;
            var chain = m.Previous is { } p
                ? $"chained to the bundle of scan {p.ScanId.ToString(CultureInfo.InvariantCulture)} ({p.Digest})"
                : $"the first bundle of cluster {TerminalText.Sanitize(m.Cluster)}";
            env.Out.WriteLine($"Wrote {Shown(env, bundle.Path)}: scan {m.ScanId.ToString(CultureInfo.InvariantCulture)} of cluster {TerminalText.Sanitize(m.Cluster)}, {m.Files.Length} files, {bundle.Digest}, signed by {m.PublicKeyFingerprint}, {chain}.");
            foreach (var note in m.Notes)
            {
                env.Error.WriteLine("note: " + note);
            }

            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static Command VerifyCommand(CliEnvironment env)
    {
        var bundle = new Argument<string>("BUNDLE") { Description = "The bundle (.tar.gz) to check." };
        var publicKey = new Option<string?>("--public-key") { Description = "PEM public key the manifest must be signed with. Default: the key inside the bundle (proves integrity, not who signed).", HelpName = "FILE" };
        var previous = new Option<string?>("--previous") { Description = "The bundle that must come before this one in the chain.", HelpName = "BUNDLE" };
        var command = new Command("verify", "Check a bundle: every file against the signed manifest, the signature, and (with --previous) the chain link. Exit 0 valid, 1 tampered or broken chain.")
        {
            bundle, publicKey, previous,
        };
        command.SetAction(parse =>
        {
            var path = Existing(env, parse.GetValue(bundle)!, "BUNDLE");
            var previousPath = parse.GetValue(previous) is { } prev ? Existing(env, prev, "--previous") : null;
            string? pem = null;
            if (parse.GetValue(publicKey) is { } keyFile)
            {
                pem = File.ReadAllText(Existing(env, keyFile, "--public-key"));
            }

            BundleVerification result;
            try
            {
                result = EvidenceBundleVerifier.Verify(path, pem, previousPath);
            }
            catch (EvidenceException ex)
            {
                throw new UserInputException(ex.Message, ex);
            }

            if (!result.Valid)
            {
                env.Out.WriteLine("INVALID: " + TerminalText.Sanitize(result.Reason));
                return ExitCodes.Findings;
            }

            var m = result.Manifest!;
            env.Out.WriteLine("valid: " + TerminalText.Sanitize(result.Reason) + ".");
            env.Out.WriteLine($"Scan {m.ScanId.ToString(CultureInfo.InvariantCulture)} of cluster {TerminalText.Sanitize(m.Cluster)}, finished {HistoryText.Time(m.FinishedAt)} UTC, {(m.Complete ? "complete" : "INCOMPLETE")}; scanner {TerminalText.Sanitize(m.ScannerVersion)}, ruleset {TerminalText.Sanitize(m.RulesetVersion)}.");
            env.Out.WriteLine(m.Previous is { } p
                ? $"Previous bundle: {p.Digest} (scan {p.ScanId.ToString(CultureInfo.InvariantCulture)}, {TerminalText.Sanitize(p.FileName)}){(previousPath is null ? "; pass --previous to check the link" : string.Empty)}."
                : "Previous bundle: none (the first bundle of its chain).");
            foreach (var note in m.Notes)
            {
                env.Out.WriteLine("note: " + TerminalText.Sanitize(note));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static KeyLoad LoadKey(CliEnvironment env, string storePath, string? keyOption)
    {
        try
        {
            if (keyOption is not null)
            {
                var path = env.Resolve(keyOption);
                return File.Exists(path)
                    ? new KeyLoad(EvidenceKey.Load(path), Created: false, path, string.Empty)
                    : throw new UserInputException($"--key: file not found: {keyOption}. Hint: omit --key to use (or create on first use) the key pair beside the store.");
            }

            var (privateKey, publicKey) = EvidenceKey.DefaultPaths(env.Resolve(storePath));
            return EvidenceKey.LoadOrCreate(privateKey, publicKey);
        }
        catch (EvidenceException ex)
        {
            throw new UserInputException(ex.Message, ex);
        }
    }

    private static string Existing(CliEnvironment env, string path, string what)
    {
        var full = env.Resolve(path);
        return File.Exists(full) ? full : throw new UserInputException($"{what}: file not found: {path}");
    }

    private static string Shown(CliEnvironment env, string path) => Pipeline.ReportPaths.Relative(path, env.WorkingDirectory);
}
