using System.Text.Json.Nodes;

namespace ComplianceScanner.TestSupport.KubeApi;

/// <summary>metav1.Status bodies shaped like the ones a real API server sends with an error.</summary>
internal static class KubeStatus
{
    public static JsonObject Create(int code, string reason, string message, ApiResource? resource = null, string? name = null, int? retryAfterSeconds = null)
    {
        var details = new JsonObject();
        if (name is not null)
        {
            details["name"] = name;
        }

        if (resource is not null)
        {
            if (resource.Group.Length > 0)
            {
                details["group"] = resource.Group;
            }

            details["kind"] = resource.Resource;
        }

        if (retryAfterSeconds is { } seconds)
        {
            details["retryAfterSeconds"] = seconds;
        }

        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details.Count > 0)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }

    public static JsonObject Success() => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
    };

    public static JsonObject Forbidden(ApiResource resource, string verb, string user, string? ns, string? name) => Create(
        403,
        "Forbidden",
        $"{resource} is forbidden: User \"{user}\" cannot {verb} resource \"{resource.Resource}\" in API group \"{resource.Group}\" "
            + (ns is null ? "at the cluster scope" : $"in the namespace \"{ns}\""),
        resource,
        name);

    public static JsonObject ExpiredContinue() => Create(
        410,
        "Expired",
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, "
            + "or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an "
            + "inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");

    public static JsonObject TooOldResourceVersion(long requested, long oldest) => Create(
        410,
        "Expired",
        $"too old resource version: {requested} ({oldest})");

    public static JsonObject TooManyRequests(int retryAfterSeconds) => Create(
        429,
        "TooManyRequests",
        "Too many requests, please try again later.",
        retryAfterSeconds: retryAfterSeconds);

    public static JsonObject NotFound(ApiResource? resource, string? name) => resource is not null && name is not null
        ? Create(404, "NotFound", $"{resource} \"{name}\" not found", resource, name)
        : Create(404, "NotFound", "the server could not find the requested resource");
}
