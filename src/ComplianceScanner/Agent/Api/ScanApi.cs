using ComplianceScanner.Agent.PostScan;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ComplianceScanner.Core.Diff;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Reporting;
using ComplianceScanner.Evidence;
using ComplianceScanner.History;
using ComplianceScanner.Rendering;
using ComplianceScanner.Rendering.Html;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ComplianceScanner.Agent.Api;

/// <summary>
/// What the endpoints of <see cref="ScannerApi"/> do, over the history store of <see cref="AgentOptions.StorePath"/>
/// (opened per request: a <see cref="ScanStore"/> is not thread-safe).
/// </summary>
internal sealed class ScanApi(AgentOptions options, AgentState state, FullScanRequests scans, ILogger<ScanApi> logger) : IDisposable
{
    private readonly SemaphoreSlim bundleGate = new(1, 1);
    private readonly Lazy<TemplateSet> templates = new(() => TemplateSet.FromDirectory(options.TemplatesDirectory));

    /// <summary>The directory bundles are written to and served from: the scheduled bundles' (<c>agent.bundles.directory</c>, else <c>bundles</c> beside the store).</summary>
    public string? BundleDirectory => options.StorePath is { } store ? BundleLocations.Directory(options, store) : null;

    public IResult List() => WithStore(store => Json(new JsonArray([.. store.Scans().OrderByDescending(s => s.Id).Select(s => (JsonNode)Summary(s))])));

    public IResult Get(long id) => WithScan(id, (_, scan) => Json(Summary(scan)));

    /// <summary>A stored report in one format; with <paramref name="team"/>, only that team's part (as e-mailed to it).</summary>
    public IResult Report(long id, string format, string? team = null)
    {
        if (ReportFormats.Find(format) is not { } f)
        {
            return ApiProblems.NotFound($"unknown report format '{format}'; choose from {string.Join(", ", ReportFormats.Names)}.");
        }

        return WithScan(id, (store, scan) =>
        {
            if (StoredReport(store, scan.Id) is not { } report)
            {
                return ApiProblems.NotFound($"scan {scan.Id} was recorded without its report.");
            }

            if (team is not null)
            {
                if (!report.Teams.Any(t => string.Equals(t.Name, team, StringComparison.Ordinal)))
                {
                    return ApiProblems.NotFound($"scan {scan.Id} has no team '{team}'.");
                }

                report = TeamReport.For(report, team);
            }

            var text = f.Render(report, f.UsesTemplates ? templates.Value : null!);
            var (type, csp) = f.Name switch
            {
                "html" => ("text/html; charset=utf-8", SecurityHeaders.ReportPolicy),
                "json" => ("application/json", null),
                "sarif" => ("application/sarif+json", null),
                "junit" => ("application/xml; charset=utf-8", null),
                "policyreport" => ("application/yaml; charset=utf-8", null),
                _ => ("text/markdown; charset=utf-8", null),
            };
            return new ReportResult(text, type, csp);
        });
    }

    public IResult Findings(long id, string? severity, string? rule, string? @namespace, string? findingState, string? layer)
    {
        Severity? sev = null;
        if (severity is not null)
        {
            if (!Enum.TryParse<Severity>(severity, ignoreCase: true, out var s) || !Enum.IsDefined(s) || int.TryParse(severity, out _))
            {
                return ApiProblems.Result(StatusCodes.Status400BadRequest, "Bad Request", "severity: choose from critical, high, medium, low, info.");
            }

            sev = s;
        }

        FindingState? st = null;
        if (findingState is not null)
        {
            if (!Enum.TryParse<FindingState>(findingState, ignoreCase: true, out var s) || !Enum.IsDefined(s) || int.TryParse(findingState, out _))
            {
                return ApiProblems.Result(StatusCodes.Status400BadRequest, "Bad Request", "state: choose from open, excepted, builtin.");
            }

            st = s;
        }

        return WithScan(id, (store, scan) => Json(new JsonArray([
            .. store.FindingsOf(scan.Id)
                .Where(f => sev is null || f.Severity == sev)
                .Where(f => st is null || f.State == st)
                .Where(f => rule is null || string.Equals(f.RuleId, rule, StringComparison.OrdinalIgnoreCase))
                .Where(f => layer is null || string.Equals(f.Layer, layer, StringComparison.Ordinal))
                .Where(f => @namespace is null || string.Equals(f.Object?.Namespace, @namespace, StringComparison.Ordinal))
                .Select(f => (JsonNode)Finding(f)),
        ])));
    }

    public IResult Trigger(string user)
    {
        if (!state.IsLeader)
        {
            return ApiProblems.Result(StatusCodes.Status409Conflict, "Conflict", $"this replica is not leading; scans run on the leader ({state.Leader ?? "none observed yet"}).");
        }

        ApiLog.ScanRequested(logger, user);

        // Queued, not awaited: the scan runs on the leader's loop; the caller polls GET /api/v1/scans.
        _ = scans.RequestAsync(CancellationToken.None);
        return Results.Text(new JsonObject { ["status"] = "queued", ["scans"] = "/api/v1/scans" }.ToJsonString(), "application/json", statusCode: StatusCodes.Status202Accepted);
    }

    public async Task<IResult> BundleAsync(long id, CancellationToken cancellationToken)
    {
        if (options.StorePath is not { } storePath)
        {
            return NoStore();
        }

        var privateKey = BundleLocations.PrivateKey(options, storePath);
        if (!File.Exists(privateKey))
        {
            return ApiProblems.NotFound($"no signing key is configured: create one with 'bundle create --store {Path.GetFileName(storePath)}' (writes {Path.GetFileName(privateKey)} beside the store).");
        }

        await bundleGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var store = ScanStore.OpenExisting(storePath);
            var scan = store.GetScan(id);
            var path = Path.Combine(BundleDirectory!, EvidenceBundleWriter.FileNameFor(scan.Cluster, scan.Id));
            if (!File.Exists(path))
            {
                using var key = EvidenceKey.Load(privateKey);
                path = (await new EvidenceBundleWriter().WriteAsync(store, scan.Id, key, BundleDirectory!, cancellationToken).ConfigureAwait(false)).Path;
            }

            return Results.File(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), "application/gzip", Path.GetFileName(path));
        }
        catch (HistoryStoreException ex)
        {
            return ApiProblems.NotFound(ex.Message);
        }
        catch (EvidenceException ex)
        {
            return ApiProblems.Result(StatusCodes.Status500InternalServerError, "Bundle Failed", ex.Message);
        }
        finally
        {
            bundleGate.Release();
        }
    }

    public IResult PublicKey()
    {
        if (options.Config.Agent.Bundles.KeyPath is { } configured && File.Exists(configured))
        {
            using var key = EvidenceKey.Load(configured);
            return Results.Text(key.PublicKeyPem, "application/x-pem-file");
        }

        if (options.StorePath is { } store && EvidenceKey.DefaultPublicKey(store) is { } pair)
        {
            return Results.Text(pair.PublicKeyPem, "application/x-pem-file");
        }

        return ApiProblems.NotFound("no evidence signing key is configured.");
    }

    public void Dispose() => bundleGate.Dispose();

    /// <summary>The scans, newest first, for the page at <c>/</c>; empty when there is no store.</summary>
    public ImmutableArray<StoredScan> Scans()
    {
        if (options.StorePath is not { } path || !File.Exists(path))
        {
            return [];
        }

        using var store = ScanStore.OpenExisting(path);
        return [.. store.Scans().OrderByDescending(s => s.Id)];
    }

    public static JsonObject Summary(StoredScan s)
    {
        var id = s.Id.ToString(CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["id"] = s.Id,
            ["cluster"] = s.Cluster,
            ["startedAt"] = s.StartedAt.ToString("O", CultureInfo.InvariantCulture),
            ["finishedAt"] = s.FinishedAt.ToString("O", CultureInfo.InvariantCulture),
            ["state"] = s.Complete ? "complete" : "incomplete",
            ["scannerVersion"] = s.ScannerVersion,
            ["rulesetVersion"] = s.RulesetVersion,
            ["counts"] = new JsonObject
            {
                ["total"] = s.Total,
                ["open"] = s.Open,
                ["excepted"] = s.Excepted,
                ["builtin"] = s.Builtin,
                ["openBySeverity"] = new JsonObject
                {
                    ["critical"] = s.OpenOf(Severity.Critical),
                    ["high"] = s.OpenOf(Severity.High),
                    ["medium"] = s.OpenOf(Severity.Medium),
                    ["low"] = s.OpenOf(Severity.Low),
                    ["info"] = s.OpenOf(Severity.Info),
                },
            },
            ["links"] = new JsonObject
            {
                ["self"] = $"/api/v1/scans/{id}",
                ["findings"] = $"/api/v1/scans/{id}/findings",
                ["reports"] = new JsonObject([.. ReportFormats.Names.Select(n => KeyValuePair.Create(n, (JsonNode?)$"/api/v1/scans/{id}/report.{n}"))]),
                ["bundle"] = $"/api/v1/scans/{id}/bundle",
            },
        };
    }

    private static JsonObject Finding(ScanFinding f) => new()
    {
        ["fingerprint"] = f.Fingerprint,
        ["ruleId"] = f.RuleId,
        ["title"] = f.Title,
        ["severity"] = f.Severity.ToString().ToLowerInvariant(),
        ["state"] = f.State.ToString().ToLowerInvariant(),
        ["layer"] = f.Layer,
        ["object"] = f.Object is { } o ? new JsonObject { ["kind"] = o.Kind, ["namespace"] = o.Namespace, ["name"] = o.Name } : null,
        ["subject"] = f.Subject is { } s ? new JsonObject { ["kind"] = s.Kind, ["name"] = s.Name, ["namespace"] = s.Namespace } : null,
        ["key"] = f.Key,
        ["message"] = f.Message,
        ["exception"] = f.Exception is { } e
            ? new JsonObject { ["reason"] = e.Reason, ["approvedBy"] = e.ApprovedBy, ["expires"] = e.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }
            : null,
    };

    private static ScanReport? StoredReport(ScanStore store, long id) =>
        store.FilesOf(id).FirstOrDefault(f => f.Path == ScanFiles.ReportPath) is { } file ? ReportJson.Deserialize(Encoding.UTF8.GetString(file.Content)) : null;

    private static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(), "application/json");

    private static IResult NoStore() => ApiProblems.NotFound("the agent records no history: start it with --store (or store.path in scanner.yaml).");

    private IResult WithStore(Func<ScanStore, IResult> action)
    {
        if (options.StorePath is not { } path)
        {
            return NoStore();
        }

        try
        {
            using var store = ScanStore.OpenExisting(path);
            return action(store);
        }
        catch (HistoryStoreException ex)
        {
            return ApiProblems.Result(StatusCodes.Status503ServiceUnavailable, "Store Unavailable", ex.Message);
        }
    }

    private IResult WithScan(long id, Func<ScanStore, StoredScan, IResult> action) => WithStore(store =>
    {
        StoredScan scan;
        try
        {
            scan = store.GetScan(id);
        }
        catch (HistoryStoreException)
        {
            return ApiProblems.NotFound($"no scan {id.ToString(CultureInfo.InvariantCulture)} in the history store.");
        }

        return action(store, scan);
    });
}
