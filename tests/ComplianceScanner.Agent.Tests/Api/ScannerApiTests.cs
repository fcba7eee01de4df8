using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ComplianceScanner.Agent.Api;
using ComplianceScanner.Agent.Tests.Agent;
using ComplianceScanner.Rendering;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace ComplianceScanner.Agent.Tests.Api;

/// <summary>
/// The HTTP API against the in-process API server answering TokenReview and SubjectAccessReview: 401 without or
/// with a bad token, 403 when access is denied, 200/202 when allowed; every route protected; reports, findings,
/// rate limit, headers.
/// </summary>
[Collection(AgentCollection.Name)]
public sealed partial class ScannerApiTests
{
    [Fact]
    public async Task No_token_is_401_a_denied_SubjectAccessReview_is_403_and_an_allowed_one_is_200()
    {
        await using var api = await ApiAgent.StartAsync();

        using var none = await api.SendAsync(HttpMethod.Get, "/api/v1/scans", null);
        var invalid = await api.GetAsync("/api/v1/scans", "not-a-known-token");
        var denied = await api.GetAsync("/api/v1/scans", ApiAgent.Outsider);
        var allowed = await api.GetAsync("/api/v1/scans", ApiAgent.Reader);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, invalid.Status);
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Contains("SubjectAccessReview denied", denied.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.Status);
        var scans = JsonNode.Parse(allowed.Body)!.AsArray();
        Assert.Equal("complete", scans[0]!["state"]!.GetValue<string>());

        // The review named the virtual resource and the verb, and carried the groups the TokenReview returned.
        var review = api.Server.AccessReviews.Last(r => r["user"]!.GetValue<string>() == "alice");
        Assert.Equal("compliancescanner.io", review["resourceAttributes"]!["group"]!.GetValue<string>());
        Assert.Equal("reports", review["resourceAttributes"]!["resource"]!.GetValue<string>());
        Assert.Equal("get", review["resourceAttributes"]!["verb"]!.GetValue<string>());
        Assert.Contains("auditors", review["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
    }

    [Fact]
    public async Task Triggering_a_scan_needs_create_a_reader_gets_403_a_writer_202_and_the_scan_runs()
    {
        await using var api = await ApiAgent.StartAsync();

        using var reader = await api.SendAsync(HttpMethod.Post, "/api/v1/scans", ApiAgent.Reader);
        using var writer = await api.SendAsync(HttpMethod.Post, "/api/v1/scans", ApiAgent.Writer);
        var scan = await api.Agent.Scans.NextAsync(TimeSpan.FromSeconds(30), "scan requested through the API");

        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, writer.StatusCode);
        Assert.Equal(ScanTrigger.Schedule, scan.Trigger);
        Assert.Contains(api.Server.AccessReviews, r => r["user"]!.GetValue<string>() == "walter" && r["resourceAttributes"]!["verb"]!.GetValue<string>() == "create");
    }

    [Fact]
    public async Task Every_registered_route_but_the_three_probes_answers_401_without_a_token()
    {
        await using var api = await ApiAgent.StartAsync();
        var endpoints = ((IEndpointRouteBuilder)api.Agent.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();

        var anonymous = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(e => e.RoutePattern.RawText).Order(StringComparer.Ordinal);
        Assert.Equal(["/healthz", "/metrics", "/readyz"], anonymous);
        Assert.Equal(ScannerApi.AnonymousPaths.Order(StringComparer.Ordinal), anonymous);

        var protectedRoutes = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null).ToList();
        Assert.True(protectedRoutes.Count >= 8, $"the API's routes are registered: {string.Join(", ", protectedRoutes.Select(e => e.RoutePattern.RawText))}");
        foreach (var endpoint in protectedRoutes)
        {
            var path = Parameter().Replace(endpoint.RoutePattern.RawText!, m => m.Groups[1].Value == "format" ? "json" : "1");
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                using var response = await api.SendAsync(new HttpMethod(method), path, null);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} ({endpoint.RoutePattern.RawText}) answered {(int)response.StatusCode} without a token");
            }
        }

        // Deny by default covers paths no route matches too.
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/no/such/path", null)).Status);
        foreach (var path in ScannerApi.AnonymousPaths.Where(p => p != "/readyz"))
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(path, null)).Status);
        }
    }

    [Fact]
    public async Task With_protectMetrics_metrics_needs_a_token_too_and_the_probes_stay_anonymous()
    {
        await using var api = await ApiAgent.StartAsync("{protectMetrics: true}");
        var endpoints = ((IEndpointRouteBuilder)api.Agent.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>();

        var anonymous = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(e => e.RoutePattern.RawText).Order(StringComparer.Ordinal);
        var without = await api.GetAsync("/metrics", null);
        var with = await api.GetAsync("/metrics", ApiAgent.Reader);

        Assert.Equal(["/healthz", "/readyz"], anonymous);
        Assert.Equal(HttpStatusCode.Unauthorized, without.Status);
        Assert.Equal(HttpStatusCode.OK, with.Status);
        Assert.Contains("compliance_scanner_", with.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/healthz", null)).Status);
    }

    [Fact]
    public async Task The_stored_report_of_a_scan_downloads_in_every_format()
    {
        await using var api = await ApiAgent.StartAsync();
        var id = JsonNode.Parse((await api.GetAsync("/api/v1/scans")).Body)!.AsArray()[0]!["id"]!.GetValue<long>();

        foreach (var format in ReportFormats.Names)
        {
            using var response = await api.SendAsync(HttpMethod.Get, $"/api/v1/scans/{id}/report.{format}", ApiAgent.Reader);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{format}: {(int)response.StatusCode} {body}");
            Assert.False(string.IsNullOrWhiteSpace(body), format);
            switch (format)
            {
                case "html":
                    Assert.StartsWith("text/html", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
                    Assert.Contains("<html", body, StringComparison.OrdinalIgnoreCase);
                    break;
                case "json":
                case "sarif":
                    Assert.NotNull(JsonNode.Parse(body));
                    break;
                case "junit":
                    Assert.Contains("<testsuite", body, StringComparison.Ordinal);
                    break;
                case "policyreport":
                    Assert.StartsWith("application/yaml", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
                    Assert.Contains("apiVersion: wgpolicyk8s.io/v1alpha2", body, StringComparison.Ordinal);
                    break;
                default:
                    Assert.Contains("#", body, StringComparison.Ordinal);
                    break;
            }
        }

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/scans/{id}/report.pdf")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/scans/999999/report.json")).Status);
    }

    [Fact]
    public async Task Findings_filter_by_state_and_severity_and_reject_unknown_values_with_400()
    {
        await using var api = await ApiAgent.StartAsync();
        var id = JsonNode.Parse((await api.GetAsync("/api/v1/scans")).Body)!.AsArray()[0]!["id"]!.GetValue<long>();

        var all = JsonNode.Parse((await api.GetAsync($"/api/v1/scans/{id}/findings")).Body)!.AsArray();
        var open = JsonNode.Parse((await api.GetAsync($"/api/v1/scans/{id}/findings?state=open")).Body)!.AsArray();
        var bad = await api.GetAsync($"/api/v1/scans/{id}/findings?severity=catastrophic");

        Assert.NotEmpty(all);
        Assert.All(open, f => Assert.Equal("open", f!["state"]!.GetValue<string>()));
        Assert.Equal(all.Count(f => f!["state"]!.GetValue<string>() == "open"), open.Count);
        var severity = all[0]!["severity"]!.GetValue<string>();
        var bySeverity = JsonNode.Parse((await api.GetAsync($"/api/v1/scans/{id}/findings?severity={severity}")).Body)!.AsArray();
        Assert.Equal(all.Count(f => f!["severity"]!.GetValue<string>() == severity), bySeverity.Count);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("choose from", bad.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_over_its_rate_limit_gets_429_while_other_clients_and_probes_do_not()
    {
        await using var api = await ApiAgent.StartAsync("{rateLimit: {requests: 3, window: 1h}}");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await api.GetAsync("/api/v1/scans")).Status);
        }

        using var limited = await api.SendAsync(HttpMethod.Get, "/api/v1/scans", ApiAgent.Reader);
        var other = await api.GetAsync("/api/v1/scans", ApiAgent.Writer);
        var health = await api.GetAsync("/healthz", null);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], statuses);
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.Status);
        Assert.Equal(HttpStatusCode.OK, health.Status);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers_and_errors_are_problem_details_without_stack_traces()
    {
        await using var api = await ApiAgent.StartAsync();

        foreach (var (path, token) in new[] { ("/api/v1/scans", ApiAgent.Reader), ("/", ApiAgent.Reader), ("/healthz", null), ("/api/v1/scans", null), ("/api/v1/scans/42", ApiAgent.Reader) })
        {
            using var response = await api.SendAsync(HttpMethod.Get, path, token);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.False(response.Headers.Contains("Server"));
        }

        using var missing = await api.SendAsync(HttpMethod.Get, "/api/v1/scans/42", ApiAgent.Reader);
        var body = await missing.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        Assert.Equal(404, JsonNode.Parse(body)!["status"]!.GetValue<int>());
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_lists_the_scans_with_links_to_each_report_and_bundle_under_a_strict_policy()
    {
        await using var api = await ApiAgent.StartAsync();
        using var response = await api.SendAsync(HttpMethod.Get, "/", ApiAgent.Reader);
        var html = await response.Content.ReadAsStringAsync();
        var id = JsonNode.Parse((await api.GetAsync("/api/v1/scans")).Body)!.AsArray()[0]!["id"]!.GetValue<long>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none'; style-src 'sha256-", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        foreach (var format in ReportFormats.Names)
        {
            Assert.Contains($"href=\"/api/v1/scans/{id}/report.{format}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains($"href=\"/api/v1/scans/{id}/bundle\"", html, StringComparison.Ordinal);
        Assert.Contains(">complete<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"\{([a-z]+)(:[a-z]+)?\}")]
    private static partial Regex Parameter();
}
