using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;

namespace ComplianceScanner.Snapshot.Live.PolicyReports;

/// <summary>
/// Writes a scan's PolicyReport and ClusterPolicyReport objects (<c>wgpolicyk8s.io/v1alpha2</c>, as built by
/// <c>PolicyReportWriter.Build</c>, passed here as JSON) to the cluster: each object is created, or replaced when it
/// exists, and objects this scanner wrote before that the scan no longer has are deleted. Only objects labelled
/// <c>app.kubernetes.io/managed-by: compliance-scanner</c> are ever replaced or deleted; an object of the same name
/// written by someone else is left alone and reported as an error.
/// </summary>
/// <remarks>
/// Create-or-replace (GET, then POST or PUT with the current resourceVersion) rather than server-side apply: the
/// scanner owns these objects whole, and it keeps the RBAC the agent needs to the plain verbs get, list, create,
/// update and delete on <c>policyreports</c> and <c>clusterpolicyreports</c>.
/// </remarks>
public sealed class PolicyReportPublisher(IKubernetes client)
{
    public const string Group = "wgpolicyk8s.io";

    public const string Version = "v1alpha2";

    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    public const string ManagedBy = "compliance-scanner";

    private readonly IKubernetes client = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>Creates or replaces every object, then deletes this scanner's objects that are not among them.</summary>
    /// <param name="objects">PolicyReport and ClusterPolicyReport objects as JSON.</param>
    /// <param name="cancellationToken">Stops between requests.</param>
    /// <exception cref="PolicyReportPublishException">The API server refused a request; the message says which object, why, and the permission needed.</exception>
    /// <exception cref="ArgumentException">An object is not a PolicyReport or ClusterPolicyReport with a name.</exception>
    public async Task<PolicyReportPublication> PublishAsync(IReadOnlyList<string> objects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var wanted = new HashSet<(string Plural, string? Namespace, string Name)>();
        int created = 0, updated = 0, deleted = 0;
        foreach (var json in objects)
        {
            var body = JsonNode.Parse(json)?.AsObject() ?? throw new ArgumentException("a policy report is not a JSON object", nameof(objects));
            var (plural, ns, name) = Identity(body);
            wanted.Add((plural, ns, name));
            var existing = await GetAsync(plural, ns, name, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                await CallAsync("create", plural, ns, name, () => ns is null
                    ? client.CustomObjects.CreateClusterCustomObjectAsync(body, Group, Version, plural, cancellationToken: cancellationToken)
                    : client.CustomObjects.CreateNamespacedCustomObjectAsync(body, Group, Version, ns, plural, cancellationToken: cancellationToken)).ConfigureAwait(false);
                created++;
                continue;
            }

            if (!IsOurs(existing))
            {
                throw new PolicyReportPublishException($"{Describe(plural, ns, name)} exists and was not written by {ManagedBy} (label {ManagedByLabel} is not '{ManagedBy}'); it is left alone. Delete or rename it to let the scanner publish there.");
            }

            body["metadata"]!["resourceVersion"] = existing["metadata"]?["resourceVersion"]?.GetValue<string>();
            await CallAsync("update", plural, ns, name, () => ns is null
                ? client.CustomObjects.ReplaceClusterCustomObjectAsync(body, Group, Version, plural, name, cancellationToken: cancellationToken)
                : client.CustomObjects.ReplaceNamespacedCustomObjectAsync(body, Group, Version, ns, plural, name, cancellationToken: cancellationToken)).ConfigureAwait(false);
            updated++;
        }

        foreach (var plural in new[] { "policyreports", "clusterpolicyreports" })
        {
            foreach (var (ns, name) in await ListOursAsync(plural, cancellationToken).ConfigureAwait(false))
            {
                if (wanted.Contains((plural, ns, name)))
                {
                    continue;
                }

                await CallAsync("delete", plural, ns, name, () => ns is null
                    ? client.CustomObjects.DeleteClusterCustomObjectAsync(Group, Version, plural, name, cancellationToken: cancellationToken)
                    : client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, ns, plural, name, cancellationToken: cancellationToken)).ConfigureAwait(false);
                deleted++;
            }
        }

        return new PolicyReportPublication(created, updated, deleted);
    }

    private static (string Plural, string? Namespace, string Name) Identity(JsonObject body)
    {
        var kind = body["kind"]?.GetValue<string>();
        var name = body["metadata"]?["name"]?.GetValue<string>();
        var ns = body["metadata"]?["namespace"]?.GetValue<string>();
        return (kind, name) switch
        {
            ("PolicyReport", { Length: > 0 }) when ns is { Length: > 0 } => ("policyreports", ns, name),
            ("ClusterPolicyReport", { Length: > 0 }) when ns is null => ("clusterpolicyreports", null, name),
            _ => throw new ArgumentException($"not a PolicyReport with a name and namespace or a ClusterPolicyReport with a name: kind '{kind}', name '{name}', namespace '{ns}'", nameof(body)),
        };
    }

    private static bool IsOurs(JsonNode item) =>
        item["metadata"]?["labels"]?[ManagedByLabel]?.GetValue<string>() == ManagedBy;

    private async Task<JsonNode?> GetAsync(string plural, string? ns, string name, CancellationToken ct)
    {
        try
        {
            var found = ns is null
                ? await client.CustomObjects.GetClusterCustomObjectAsync(Group, Version, plural, name, ct).ConfigureAwait(false)
                : await client.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, ns, plural, name, ct).ConfigureAwait(false);
            return JsonSerializer.SerializeToNode(found);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (HttpOperationException e)
        {
            throw Refused("get", plural, ns, name, e);
        }
    }

    /// <summary>This scanner's objects of a kind, cluster-wide. Filtered here as well as by label selector, so nothing else is ever deleted.</summary>
    private async Task<List<(string? Namespace, string Name)>> ListOursAsync(string plural, CancellationToken ct)
    {
        object list;
        try
        {
            list = plural == "clusterpolicyreports"
                ? await client.CustomObjects.ListClusterCustomObjectAsync(Group, Version, plural, labelSelector: $"{ManagedByLabel}={ManagedBy}", cancellationToken: ct).ConfigureAwait(false)
                : await client.CustomObjects.ListCustomObjectForAllNamespacesAsync(Group, Version, plural, labelSelector: $"{ManagedByLabel}={ManagedBy}", cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            throw Refused("list", plural, null, null, e);
        }

        var items = JsonSerializer.SerializeToNode(list)?["items"]?.AsArray() ?? [];
        return [.. items.OfType<JsonNode>().Where(IsOurs).Select(i => (i["metadata"]?["namespace"]?.GetValue<string>(), i["metadata"]!["name"]!.GetValue<string>()))];
    }

    private static async Task CallAsync(string verb, string plural, string? ns, string name, Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            throw Refused(verb, plural, ns, name, e);
        }
    }

    private static PolicyReportPublishException Refused(string verb, string plural, string? ns, string? name, HttpOperationException e)
    {
        var what = name is null ? $"{plural}.{Group}{(ns is null ? " (cluster-wide)" : " in namespace " + ns)}" : Describe(plural, ns, name);
        var reason = StatusMessage(e.Response.Content) ?? e.Message;
        var hint = e.Response.StatusCode switch
        {
            HttpStatusCode.Forbidden => $" The scanner's identity needs '{verb}' on {plural}.{Group}{(ns is null || plural == "clusterpolicyreports" ? string.Empty : " in namespace " + ns)}.",
            HttpStatusCode.NotFound => $" Is the {Group} CRD ({plural}) installed in the cluster?",
            _ => string.Empty,
        };
        return new PolicyReportPublishException($"cannot {verb} {what}: {(int)e.Response.StatusCode} {reason}.{hint}", e);
    }

    /// <summary>The message of a Kubernetes Status body, or null when the body is not one.</summary>
    private static string? StatusMessage(string? content)
    {
        try
        {
            return string.IsNullOrEmpty(content) ? null : JsonNode.Parse(content)?["message"]?.GetValue<string>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Describe(string plural, string? ns, string name) =>
        ns is null ? $"{plural}.{Group} {name}" : $"{plural}.{Group} {ns}/{name}";
}
