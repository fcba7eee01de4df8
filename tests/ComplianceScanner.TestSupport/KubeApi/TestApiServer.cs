using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceScanner.TestSupport.KubeApi;

/// <summary>
/// An in-process Kubernetes API server on 127.0.0.1 (a free port) that speaks enough of the REST protocol for the real
/// KubernetesClient: discovery, paginated lists (<c>limit</c>/<c>continue</c>, consistent per list), PartialObjectMetadataList,
/// watch streams with bookmarks and resume from a resourceVersion, get/create/update/delete of single objects (with
/// resourceVersion conflicts), and the failures a real cluster produces: 403 per resource, 410 Gone for an expired
/// continue token or a compacted watch history, 429 with Retry-After, 5xx, and connections dropped mid-stream.
/// Objects are JSON, changed by the test through <see cref="Add(string)"/>, <see cref="Modify"/> and <see cref="Delete"/>,
/// each bumping the resourceVersion and emitting watch events. Every request is recorded in <see cref="Requests"/>.
/// </summary>
public sealed class TestApiServer : IAsyncDisposable
{
    private const string MetadataListMediaType = "as=PartialObjectMetadataList";
    private const string CreationTimestamp = "2026-01-01T00:00:00Z";

    private readonly Lock gate = new();
    private readonly WebApplication app;
    private readonly Dictionary<ApiResource, SortedDictionary<string, JsonObject>> store = [];
    private readonly List<HistoryEntry> history = [];
    private readonly List<WatchSession> sessions = [];
    private readonly Dictionary<int, ListCursor> cursors = [];
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly Dictionary<ApiResource, HashSet<string>> forbidden = [];
    private readonly Dictionary<ApiResource, int> expiringContinues = [];
    private readonly Dictionary<ApiResource, Queue<(int Status, int RetryAfter)>> failures = [];
    private readonly Dictionary<string, (string User, string[] Groups)> reviewTokens = new(StringComparer.Ordinal);
    private readonly HashSet<(string User, string Group, string Resource, string Verb)> allowedAccess = [];
    private readonly ConcurrentQueue<JsonObject> accessReviews = new();
    private long resourceVersion = 1000;
    private long oldestWatchable;
    private int nextCursor;
    private int uidCounter;

    private TestApiServer(WebApplication app, ImmutableArray<ApiResource> resources)
    {
        this.app = app;
        Resources = resources;
        foreach (var r in resources)
        {
            store[r] = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        }
    }

    /// <summary>The base URL, <c>http://127.0.0.1:PORT</c>.</summary>
    public Uri Url { get; private set; } = new("http://127.0.0.1");

    /// <summary>The resources served (and listed by discovery).</summary>
    public ImmutableArray<ApiResource> Resources { get; }

    /// <summary>The user named in 403 messages.</summary>
    public string User { get; set; } = "system:serviceaccount:compliance-scanner:scanner";

    /// <summary>When set, requests must carry <c>Authorization: Bearer TOKEN</c>; others get 401.</summary>
    public string? RequiredToken { get; set; }

    /// <summary>Every request received so far, in arrival order (recorded when the response starts).</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    /// <summary>The current (latest) resourceVersion.</summary>
    public long ResourceVersion
    {
        get
        {
            lock (gate)
            {
                return resourceVersion;
            }
        }
    }

    /// <summary>Starts a server serving <paramref name="resources"/> (default: <see cref="ApiResource.Standard"/>).</summary>
    public static async Task<TestApiServer> StartAsync(IEnumerable<ApiResource>? resources = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var web = builder.Build();
        var server = new TestApiServer(web, [.. resources ?? ApiResource.Standard]);
        web.Run(server.HandleAsync);
        await web.StartAsync().ConfigureAwait(false);
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    /// <summary>Writes a kubeconfig whose one context points at this server, with a bearer token; returns its path.</summary>
    public string WriteKubeconfig(string path, string contextName = "test", string token = "test-token")
    {
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {contextName}-cluster
              cluster:
                server: {Url.ToString().TrimEnd('/')}
            users:
            - name: {contextName}-user
              user:
                token: {token}
            contexts:
            - name: {contextName}
              context:
                cluster: {contextName}-cluster
                user: {contextName}-user
            current-context: {contextName}
            """);
        return path;
    }

    /// <summary>The token a TokenReview (<c>POST /apis/authentication.k8s.io/v1/tokenreviews</c>) authenticates as <paramref name="user"/>; other tokens are not authenticated.</summary>
    public void AcceptToken(string token, string user, params string[] groups)
    {
        lock (gate)
        {
            reviewTokens[token] = (user, groups);
        }
    }

    /// <summary>SubjectAccessReviews (<c>POST /apis/authorization.k8s.io/v1/subjectaccessreviews</c>) allow <paramref name="user"/> these verbs on group/resource; all else is denied.</summary>
    public void AllowAccess(string user, string group, string resource, params string[] verbs)
    {
        lock (gate)
        {
            foreach (var verb in verbs)
            {
                allowedAccess.Add((user, group, resource, verb));
            }
        }
    }

    /// <summary>The specs of the SubjectAccessReviews received so far.</summary>
    public IReadOnlyList<JsonObject> AccessReviews => [.. accessReviews];

    /// <summary>Finds a served resource by plural name (<c>rolebindings</c>) or <c>plural.group</c>.</summary>
    public ApiResource Resource(string name) =>
        Resources.FirstOrDefault(r => r.Resource == name || r.ToString() == name)
        ?? throw new ArgumentException($"resource '{name}' is not served", nameof(name));

    /// <summary>Creates an object from JSON (apiVersion, kind and metadata.name required), emitting ADDED.</summary>
    public JsonObject Add(string json) => Add(JsonNode.Parse(json)?.AsObject() ?? throw new ArgumentException("not a JSON object", nameof(json)));

    /// <summary>Creates an object, emitting ADDED; returns a copy as stored (with resourceVersion and uid).</summary>
    public JsonObject Add(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var resource = ResourceFor(obj);
        lock (gate)
        {
            return Create(resource, (JsonObject)obj.DeepClone(), out _) ?? throw new InvalidOperationException($"{resource} {Key(obj)} already exists");
        }
    }

    /// <summary>Changes a stored object, emitting MODIFIED; returns a copy as stored.</summary>
    public JsonObject Modify(string resource, string? ns, string name, Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var r = Resource(resource);
        lock (gate)
        {
            var items = store[r];
            if (!items.TryGetValue(Key(ns, name), out var current))
            {
                throw new InvalidOperationException($"{r} {Key(ns, name)} does not exist");
            }

            var changed = (JsonObject)current.DeepClone();
            change(changed);
            return Store(r, changed, "MODIFIED");
        }
    }

    /// <summary>Deletes a stored object, emitting DELETED.</summary>
    public void Delete(string resource, string? ns, string name)
    {
        var r = Resource(resource);
        lock (gate)
        {
            if (!Remove(r, Key(ns, name)))
            {
                throw new InvalidOperationException($"{r} {Key(ns, name)} does not exist");
            }
        }
    }

    /// <summary>A copy of a stored object, or null.</summary>
    public JsonObject? Get(string resource, string? ns, string name)
    {
        var r = Resource(resource);
        lock (gate)
        {
            return store[r].TryGetValue(Key(ns, name), out var o) ? (JsonObject)o.DeepClone() : null;
        }
    }

    /// <summary>Answers requests for <paramref name="resource"/> with 403 Forbidden (for the given verbs, default all).</summary>
    public void Forbid(string resource, params string[] verbs)
    {
        lock (gate)
        {
            forbidden[Resource(resource)] = verbs.Length == 0 ? ["get", "list", "watch", "create", "update", "delete"] : [.. verbs];
        }
    }

    /// <summary>The next <paramref name="count"/> continue requests for the resource get 410 Gone (Expired), as after etcd compaction.</summary>
    public void ExpireContinueTokens(string resource, int count = 1)
    {
        lock (gate)
        {
            var r = Resource(resource);
            expiringContinues[r] = expiringContinues.GetValueOrDefault(r) + count;
        }
    }

    /// <summary>The next <paramref name="count"/> requests for the resource get 429 Too Many Requests with Retry-After.</summary>
    public void Throttle(string resource, int count, int retryAfterSeconds) => Fail(resource, count, 429, retryAfterSeconds);

    /// <summary>The next <paramref name="count"/> requests for the resource get <paramref name="status"/> (e.g. 500, 503).</summary>
    public void Fail(string resource, int count, int status, int retryAfterSeconds = 0)
    {
        lock (gate)
        {
            var r = Resource(resource);
            if (!failures.TryGetValue(r, out var queue))
            {
                failures[r] = queue = new Queue<(int, int)>();
            }

            for (var i = 0; i < count; i++)
            {
                queue.Enqueue((status, retryAfterSeconds));
            }
        }
    }

    /// <summary>Forgets the change history: a watch resuming from an older resourceVersion gets 410 Gone.</summary>
    public void CompactHistory()
    {
        lock (gate)
        {
            history.Clear();
            oldestWatchable = resourceVersion;
        }
    }

    /// <summary>Sends a BOOKMARK with the current resourceVersion to every watch that asked for bookmarks.</summary>
    public void Bookmark()
    {
        lock (gate)
        {
            foreach (var s in sessions.Where(s => s.Bookmarks))
            {
                var bookmark = new JsonObject
                {
                    ["kind"] = s.Resource.Kind,
                    ["apiVersion"] = s.Resource.GroupVersion,
                    ["metadata"] = new JsonObject { ["resourceVersion"] = Rv(resourceVersion) },
                };
                s.Lines.Writer.TryWrite(EventLine("BOOKMARK", bookmark));
            }
        }
    }

    /// <summary>Resets every open watch connection on the resource (or on all resources) mid-stream.</summary>
    public void DropWatches(string? resource = null) => EndWatches(resource, drop: true);

    /// <summary>Ends every open watch stream on the resource (or on all) cleanly, as a watch timeout does.</summary>
    public void CloseWatches(string? resource = null) => EndWatches(resource, drop: false);

    /// <summary>Open watch streams on the resource.</summary>
    public int WatchCount(string resource)
    {
        var r = Resource(resource);
        lock (gate)
        {
            return sessions.Count(s => s.Resource == r);
        }
    }

    /// <summary>Waits (polling, bounded by <paramref name="timeout"/>) until at least <paramref name="count"/> watches are open on the resource.</summary>
    public async Task WaitForWatchesAsync(string resource, int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (WatchCount(resource) < count)
        {
            try
            {
                await Task.Delay(10, cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no {count} watch(es) on {resource} within {timeout}; requests: {string.Join("; ", Requests.TakeLast(10))}");
            }
        }
    }

    /// <summary>Waits (polling, bounded) until a request matching <paramref name="predicate"/> has been received.</summary>
    public async Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool> predicate, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var found = Requests.FirstOrDefault(predicate);
            if (found is not null)
            {
                return found;
            }

            try
            {
                await Task.Delay(10, cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no matching request within {timeout}; requests: {string.Join("; ", Requests.TakeLast(10))}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        EndWatches(null, drop: false);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await app.StopAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Connections that did not close in time are cut; the test is over.
        }

        await app.DisposeAsync().ConfigureAwait(false);
    }

    private void EndWatches(string? resource, bool drop)
    {
        var r = resource is null ? null : Resource(resource);
        lock (gate)
        {
            foreach (var s in sessions.Where(s => r is null || s.Resource == r).ToList())
            {
                if (drop)
                {
                    s.Drop();
                }
                else
                {
                    s.Close();
                }

                sessions.Remove(s);
            }
        }
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var request = ctx.Request;
        ctx.Response.OnStarting(() =>
        {
            requests.Enqueue(new RecordedRequest(
                request.Method,
                request.Path.Value ?? "/",
                request.QueryString.Value ?? string.Empty,
                request.Headers.Accept.Count == 0 ? null : request.Headers.Accept.ToString(),
                request.Headers.Authorization.Count == 0 ? null : request.Headers.Authorization.ToString(),
                ctx.Response.StatusCode));
            return Task.CompletedTask;
        });

        if (RequiredToken is { } token && request.Headers.Authorization.ToString() != "Bearer " + token)
        {
            await WriteAsync(ctx, 401, KubeStatus.Create(401, "Unauthorized", "Unauthorized")).ConfigureAwait(false);
            return;
        }

        var path = (request.Path.Value ?? "/").TrimEnd('/');
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (request.Method == "POST" && path is "/apis/authentication.k8s.io/v1/tokenreviews" or "/apis/authorization.k8s.io/v1/subjectaccessreviews")
        {
            await ReviewAsync(ctx, path.Contains("tokenreviews", StringComparison.Ordinal)).ConfigureAwait(false);
            return;
        }

        if (await DiscoveryAsync(ctx, segments).ConfigureAwait(false))
        {
            return;
        }

        if (!TryParse(segments, out var resource, out var ns, out var name))
        {
            await WriteAsync(ctx, 404, KubeStatus.NotFound(null, null)).ConfigureAwait(false);
            return;
        }

        var watch = request.Query["watch"] is var w && (w == "true" || w == "1");
        var verb = request.Method switch
        {
            "GET" when name is not null => "get",
            "GET" => watch ? "watch" : "list",
            "POST" => "create",
            "PUT" => "update",
            "DELETE" => "delete",
            _ => "unknown",
        };

        JsonObject? refusal = null;
        var status = 0;
        var retryAfter = 0;
        lock (gate)
        {
            if (forbidden.TryGetValue(resource, out var verbs) && verbs.Contains(verb))
            {
                (status, refusal) = (403, KubeStatus.Forbidden(resource, verb, User, ns, name));
            }
            else if (failures.TryGetValue(resource, out var queue) && queue.Count > 0)
            {
                (status, retryAfter) = queue.Dequeue();
                refusal = status == 429
                    ? KubeStatus.TooManyRequests(retryAfter)
                    : KubeStatus.Create(status, "InternalError", $"Internal error occurred: injected failure {status}");
            }
        }

        if (refusal is not null)
        {
            if (retryAfter > 0)
            {
                ctx.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            }

            await WriteAsync(ctx, status, refusal).ConfigureAwait(false);
            return;
        }

        switch (verb)
        {
            case "get":
                await GetAsync(ctx, resource, ns, name!).ConfigureAwait(false);
                break;
            case "list":
                await ListAsync(ctx, resource, ns).ConfigureAwait(false);
                break;
            case "watch":
                await WatchAsync(ctx, resource, ns).ConfigureAwait(false);
                break;
            case "create" when name is null:
                await CreateAsync(ctx, resource, ns).ConfigureAwait(false);
                break;
            case "update" when name is not null:
                await UpdateAsync(ctx, resource, ns, name).ConfigureAwait(false);
                break;
            case "delete" when name is not null:
                await DeleteAsync(ctx, resource, ns, name).ConfigureAwait(false);
                break;
            default:
                await WriteAsync(ctx, 405, KubeStatus.Create(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource")).ConfigureAwait(false);
                break;
        }
    }

    private async Task<bool> DiscoveryAsync(HttpContext ctx, string[] s)
    {
        JsonNode? body = null;
        if (s is ["version"])
        {
            body = new JsonObject { ["major"] = "1", ["minor"] = "33", ["gitVersion"] = "v1.33.0-test" };
        }
        else if (s is ["api"])
        {
            body = new JsonObject { ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1") };
        }
        else if (s is ["apis"])
        {
            body = new JsonObject
            {
                ["kind"] = "APIGroupList",
                ["apiVersion"] = "v1",
                ["groups"] = new JsonArray([.. Resources.Where(r => r.Group.Length > 0).GroupBy(r => r.Group).Select(g => (JsonNode)Group(g.Key))]),
            };
        }
        else if (s is ["apis", var group] && Resources.Any(r => r.Group == group))
        {
            body = Group(group);
        }
        else if (s is ["api", _] or ["apis", _, _])
        {
            var groupName = s[0] == "api" ? string.Empty : s[1];
            var version = s[0] == "api" ? s[1] : s[2];
            var served = Resources.Where(r => r.Group == groupName && r.Version == version).ToList();
            if (served.Count == 0)
            {
                await WriteAsync(ctx, 404, KubeStatus.NotFound(null, null)).ConfigureAwait(false);
                return true;
            }

            body = new JsonObject
            {
                ["kind"] = "APIResourceList",
                ["apiVersion"] = "v1",
                ["groupVersion"] = served[0].GroupVersion,
                ["resources"] = new JsonArray([.. served.Select(r => (JsonNode)new JsonObject
                {
                    ["name"] = r.Resource,
                    ["singularName"] = r.Kind.ToLowerInvariant(),
                    ["namespaced"] = r.Namespaced,
                    ["kind"] = r.Kind,
                    ["verbs"] = new JsonArray("create", "delete", "get", "list", "patch", "update", "watch"),
                })]),
            };
        }

        if (body is null)
        {
            return false;
        }

        await WriteAsync(ctx, 200, body).ConfigureAwait(false);
        return true;
    }

    private JsonObject Group(string group)
    {
        var versions = Resources.Where(r => r.Group == group).Select(r => r.Version).Distinct().ToList();
        JsonObject Version(string v) => new() { ["groupVersion"] = group + "/" + v, ["version"] = v };
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)Version(v))]),
            ["preferredVersion"] = Version(versions[0]),
        };
    }

    private bool TryParse(string[] s, out ApiResource resource, out string? ns, out string? name)
    {
        resource = null!;
        ns = null;
        name = null;
        string group, version;
        string[] rest;
        if (s.Length >= 3 && s[0] == "api")
        {
            (group, version, rest) = (string.Empty, s[1], s[2..]);
        }
        else if (s.Length >= 4 && s[0] == "apis")
        {
            (group, version, rest) = (s[1], s[2], s[3..]);
        }
        else
        {
            return false;
        }

        string plural;
        if (rest.Length >= 3 && rest[0] == "namespaces")
        {
            (ns, plural, name) = (rest[1], rest[2], rest.Length > 3 ? rest[3] : null);
        }
        else
        {
            (plural, name) = (rest[0], rest.Length > 1 ? rest[1] : null);
        }

        var found = Resources.FirstOrDefault(r => r.Group == group && r.Version == version && r.Resource == plural);
        if (found is null || (ns is not null && !found.Namespaced))
        {
            return false;
        }

        resource = found;
        return true;
    }

    private async Task GetAsync(HttpContext ctx, ApiResource resource, string? ns, string name)
    {
        JsonObject? found;
        lock (gate)
        {
            found = store[resource].TryGetValue(Key(ns, name), out var o) ? (JsonObject)o.DeepClone() : null;
        }

        await (found is null
            ? WriteAsync(ctx, 404, KubeStatus.NotFound(resource, name))
            : WriteAsync(ctx, 200, WithType(resource, found))).ConfigureAwait(false);
    }

    private async Task ListAsync(HttpContext ctx, ApiResource resource, string? ns)
    {
        var query = ctx.Request.Query;
        var metadataOnly = ctx.Request.Headers.Accept.ToString().Contains(MetadataListMediaType, StringComparison.Ordinal);
        var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) && l > 0 ? l : int.MaxValue;
        var token = query["continue"].ToString();
        List<JsonObject> page;
        string? next = null;
        long rv;
        int remaining;
        lock (gate)
        {
            ListCursor? cursor;
            var offset = 0;
            if (token.Length > 0)
            {
                if (!TryReadToken(token, out var id, out offset) || !cursors.TryGetValue(id, out cursor) || cursor.Resource != resource)
                {
                    cursor = null;
                }
                else if (expiringContinues.GetValueOrDefault(resource) > 0)
                {
                    expiringContinues[resource]--;
                    cursors.Remove(id);
                    cursor = null;
                }
            }
            else
            {
                if (!TryFilter(resource, ns, query["fieldSelector"].ToString(), out var items, out var error))
                {
                    cursor = null;
                    token = error;
                }
                else
                {
                    cursor = new ListCursor(resource, items, resourceVersion);
                }
            }

            if (cursor is null)
            {
                page = [];
                rv = 0;
                remaining = -1;
            }
            else
            {
                page = [.. cursor.Items.Skip(offset).Take(limit)];
                remaining = cursor.Items.Count - offset - page.Count;
                if (remaining > 0)
                {
                    var id = ++nextCursor;
                    cursors[id] = cursor;
                    next = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{offset + page.Count}"));
                }

                rv = cursor.ResourceVersion;
            }
        }

        if (remaining < 0)
        {
            await (token.StartsWith("fieldSelector", StringComparison.Ordinal)
                ? WriteAsync(ctx, 400, KubeStatus.Create(400, "BadRequest", token))
                : WriteAsync(ctx, 410, KubeStatus.ExpiredContinue())).ConfigureAwait(false);
            return;
        }

        var metadata = new JsonObject { ["resourceVersion"] = Rv(rv) };
        if (next is not null)
        {
            metadata["continue"] = next;
            metadata["remainingItemCount"] = remaining;
        }

        var body = new JsonObject
        {
            ["kind"] = metadataOnly ? "PartialObjectMetadataList" : resource.Kind + "List",
            ["apiVersion"] = metadataOnly ? "meta.k8s.io/v1" : resource.GroupVersion,
            ["metadata"] = metadata,
            ["items"] = new JsonArray([.. page.Select(o => (JsonNode)(metadataOnly ? Partial(o) : WithoutType(o)))]),
        };
        await WriteAsync(ctx, 200, body).ConfigureAwait(false);
    }

    private async Task WatchAsync(HttpContext ctx, ApiResource resource, string? ns)
    {
        var query = ctx.Request.Query;
        var from = query["resourceVersion"].ToString();
        var bookmarks = query["allowWatchBookmarks"] == "true";
        var timeout = int.TryParse(query["timeoutSeconds"], CultureInfo.InvariantCulture, out var t) && t > 0 ? TimeSpan.FromSeconds(t) : Timeout.InfiniteTimeSpan;
        var session = new WatchSession(resource, ns, bookmarks, ctx);
        var backlog = new List<string>();
        var expired = false;
        lock (gate)
        {
            if (from.Length == 0 || from == "0")
            {
                backlog.AddRange(store[resource].Values.Where(o => ns is null || Namespace(o) == ns).Select(o => EventLine("ADDED", WithType(resource, o))));
            }
            else if (!long.TryParse(from, CultureInfo.InvariantCulture, out var since))
            {
                backlog.Add(EventLine("ERROR", KubeStatus.Create(400, "BadRequest", $"invalid resourceVersion \"{from}\"")));
                expired = true;
            }
            else if (since < oldestWatchable)
            {
                backlog.Add(EventLine("ERROR", KubeStatus.TooOldResourceVersion(since, oldestWatchable)));
                expired = true;
            }
            else
            {
                backlog.AddRange(history
                    .Where(h => h.ResourceVersion > since && h.Resource == resource && (ns is null || h.Namespace == ns))
                    .Select(h => EventLine(h.Type, h.Object)));
            }

            if (!expired)
            {
                sessions.Add(session);
            }
        }

        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted);
        cts.CancelAfter(timeout);
        try
        {
            await ctx.Response.StartAsync(cts.Token).ConfigureAwait(false);

            // StartAsync only queues the headers; the client must see them before the first event, as from a real server.
            await ctx.Response.Body.FlushAsync(cts.Token).ConfigureAwait(false);
            foreach (var line in backlog)
            {
                await WriteLineAsync(ctx, line, cts.Token).ConfigureAwait(false);
            }

            if (expired)
            {
                return;
            }

            await foreach (var line in session.Lines.Reader.ReadAllAsync(cts.Token).ConfigureAwait(false))
            {
                await WriteLineAsync(ctx, line, cts.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away, the watch timed out, or the test dropped it.
        }
        catch (IOException)
        {
            // The connection was reset while writing.
        }
        finally
        {
            lock (gate)
            {
                sessions.Remove(session);
            }
        }
    }

    private async Task CreateAsync(HttpContext ctx, ApiResource resource, string? ns)
    {
        var body = await ReadBodyAsync(ctx).ConfigureAwait(false);
        if (body is null)
        {
            await WriteAsync(ctx, 400, KubeStatus.Create(400, "BadRequest", "the body is not a JSON object")).ConfigureAwait(false);
            return;
        }

        if (ns is not null)
        {
            Meta(body)["namespace"] = ns;
        }

        JsonObject? created;
        lock (gate)
        {
            created = Create(resource, body, out _);
        }

        await (created is null
            ? WriteAsync(ctx, 409, KubeStatus.Create(409, "AlreadyExists", $"{resource} \"{Name(body)}\" already exists", resource, Name(body)))
            : WriteAsync(ctx, 201, WithType(resource, created))).ConfigureAwait(false);
    }

    private async Task UpdateAsync(HttpContext ctx, ApiResource resource, string? ns, string name)
    {
        var body = await ReadBodyAsync(ctx).ConfigureAwait(false);
        if (body is null)
        {
            await WriteAsync(ctx, 400, KubeStatus.Create(400, "BadRequest", "the body is not a JSON object")).ConfigureAwait(false);
            return;
        }

        int status;
        JsonObject answer;
        lock (gate)
        {
            var sent = Meta(body)["resourceVersion"]?.GetValue<string>();
            if (!store[resource].TryGetValue(Key(ns, name), out var current))
            {
                (status, answer) = (404, KubeStatus.NotFound(resource, name));
            }
            else if (sent is not null && sent != Meta(current)["resourceVersion"]?.GetValue<string>())
            {
                (status, answer) = (409, KubeStatus.Create(
                    409,
                    "Conflict",
                    $"Operation cannot be fulfilled on {resource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
                    resource,
                    name));
            }
            else
            {
                Meta(body)["uid"] = Meta(current)["uid"]?.DeepClone();
                Meta(body)["creationTimestamp"] = CreationTimestamp;
                (status, answer) = (200, WithType(resource, Store(resource, body, "MODIFIED")));
            }
        }

        await WriteAsync(ctx, status, answer).ConfigureAwait(false);
    }

    private async Task DeleteAsync(HttpContext ctx, ApiResource resource, string? ns, string name)
    {
        bool removed;
        lock (gate)
        {
            removed = Remove(resource, Key(ns, name));
        }

        await (removed
            ? WriteAsync(ctx, 200, KubeStatus.Success())
            : WriteAsync(ctx, 404, KubeStatus.NotFound(resource, name))).ConfigureAwait(false);
    }

    /// <summary>Stores a new object (caller holds the lock); null when the name is taken.</summary>
    private JsonObject? Create(ApiResource resource, JsonObject obj, out string key)
    {
        var meta = Meta(obj);
        if (!resource.Namespaced)
        {
            meta.Remove("namespace");
        }
        else if (meta["namespace"] is null)
        {
            meta["namespace"] = "default";
        }

        key = Key(obj);
        if (store[resource].ContainsKey(key))
        {
            return null;
        }

        meta["uid"] ??= string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{++uidCounter:D12}");
        meta["creationTimestamp"] ??= CreationTimestamp;
        return Store(resource, obj, "ADDED");
    }

    /// <summary>Stores the object under a new resourceVersion and emits the event (caller holds the lock).</summary>
    private JsonObject Store(ApiResource resource, JsonObject obj, string type)
    {
        Meta(obj)["resourceVersion"] = Rv(++resourceVersion);
        obj["apiVersion"] = resource.GroupVersion;
        obj["kind"] = resource.Kind;
        store[resource][Key(obj)] = obj;
        Publish(resource, type, obj);
        return (JsonObject)obj.DeepClone();
    }

    private bool Remove(ApiResource resource, string key)
    {
        if (!store[resource].Remove(key, out var obj))
        {
            return false;
        }

        Meta(obj)["resourceVersion"] = Rv(++resourceVersion);
        Publish(resource, "DELETED", obj);
        return true;
    }

    private void Publish(ApiResource resource, string type, JsonObject obj)
    {
        var copy = WithType(resource, obj);
        var ns = Namespace(obj);
        history.Add(new HistoryEntry(resourceVersion, resource, ns, type, copy));
        var line = EventLine(type, copy);
        foreach (var s in sessions.Where(s => s.Matches(resource, ns)))
        {
            s.Lines.Writer.TryWrite(line);
        }
    }

    private bool TryFilter(ApiResource resource, string? ns, string selector, out List<JsonObject> items, out string error)
    {
        var terms = new List<(string Path, string Value, bool Equal)>();
        foreach (var term in selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var negate = term.Contains("!=", StringComparison.Ordinal);
            var parts = term.Split(negate ? "!=" : term.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2);
            if (parts.Length != 2 || parts[0] is not ("metadata.name" or "metadata.namespace" or "type"))
            {
                items = [];
                error = $"fieldSelector: \"{term}\" is not a supported field selector";
                return false;
            }

            terms.Add((parts[0], parts[1], !negate));
        }

        items = [.. store[resource].Values
            .Where(o => ns is null || Namespace(o) == ns)
            .Where(o => terms.All(t => (Field(o, t.Path) == t.Value) == t.Equal))
            .Select(o => (JsonObject)o.DeepClone())];
        error = string.Empty;
        return true;
    }

    private static string? Field(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.'))
        {
            node = node?[part];
        }

        return node?.GetValue<string>();
    }

    private ApiResource ResourceFor(JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]?.GetValue<string>() ?? throw new ArgumentException("apiVersion is required", nameof(obj));
        var kind = obj["kind"]?.GetValue<string>() ?? throw new ArgumentException("kind is required", nameof(obj));
        return Resources.FirstOrDefault(r => r.GroupVersion == apiVersion && r.Kind == kind)
            ?? throw new ArgumentException($"{apiVersion} {kind} is not served", nameof(obj));
    }

    private static async Task<JsonObject?> ReadBodyAsync(HttpContext ctx)
    {
        try
        {
            return (await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted).ConfigureAwait(false)) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task ReviewAsync(HttpContext ctx, bool token)
    {
        var review = (await JsonNode.ParseAsync(ctx.Request.Body).ConfigureAwait(false))?.AsObject() ?? [];
        var spec = review["spec"]?.AsObject() ?? [];
        JsonObject status;
        lock (gate)
        {
            if (token)
            {
                status = reviewTokens.TryGetValue(spec["token"]?.GetValue<string>() ?? string.Empty, out var user)
                    ? new JsonObject { ["authenticated"] = true, ["user"] = new JsonObject { ["username"] = user.User, ["uid"] = "uid-" + user.User, ["groups"] = new JsonArray([.. user.Groups.Select(g => (JsonNode)g)]) } }
                    : new JsonObject { ["authenticated"] = false, ["error"] = "invalid bearer token" };
            }
            else
            {
                accessReviews.Enqueue((JsonObject)spec.DeepClone());
                var attributes = spec["resourceAttributes"];
                var key = (spec["user"]?.GetValue<string>() ?? string.Empty, attributes?["group"]?.GetValue<string>() ?? string.Empty, attributes?["resource"]?.GetValue<string>() ?? string.Empty, attributes?["verb"]?.GetValue<string>() ?? string.Empty);
                status = allowedAccess.Contains(key) ? new JsonObject { ["allowed"] = true } : new JsonObject { ["allowed"] = false, ["reason"] = "no RBAC policy matched" };
            }
        }

        review["status"] = status;
        await WriteAsync(ctx, 201, review).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext ctx, int status, JsonNode body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(body.ToJsonString(), ctx.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteLineAsync(HttpContext ctx, string line, CancellationToken ct)
    {
        await ctx.Response.WriteAsync(line + "\n", ct).ConfigureAwait(false);
        await ctx.Response.Body.FlushAsync(ct).ConfigureAwait(false);
    }

    private static string EventLine(string type, JsonObject obj) => new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString();

    private static JsonObject WithType(ApiResource resource, JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy["apiVersion"] = resource.GroupVersion;
        copy["kind"] = resource.Kind;
        return copy;
    }

    /// <summary>List items carry no apiVersion or kind, as a real API server sends them.</summary>
    private static JsonObject WithoutType(JsonObject obj)
    {
        obj.Remove("apiVersion");
        obj.Remove("kind");
        return obj;
    }

    private static JsonObject Partial(JsonObject obj) => new()
    {
        ["kind"] = "PartialObjectMetadata",
        ["apiVersion"] = "meta.k8s.io/v1",
        ["metadata"] = Meta(obj).DeepClone(),
    };

    private static bool TryReadToken(string token, out int id, out int offset)
    {
        id = offset = 0;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
            return parts.Length == 2
                && int.TryParse(parts[0], CultureInfo.InvariantCulture, out id)
                && int.TryParse(parts[1], CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static JsonObject Meta(JsonObject obj) =>
        obj["metadata"] as JsonObject ?? (JsonObject)(obj["metadata"] = new JsonObject());

    private static string Name(JsonObject obj) => Meta(obj)["name"]?.GetValue<string>() ?? throw new ArgumentException("metadata.name is required", nameof(obj));

    private static string? Namespace(JsonObject obj) => Meta(obj)["namespace"]?.GetValue<string>();

    private static string Key(JsonObject obj) => Key(Namespace(obj), Name(obj));

    private static string Key(string? ns, string name) => ns is null ? name : ns + "/" + name;

    private static string Rv(long rv) => rv.ToString(CultureInfo.InvariantCulture);
}
