using ComplianceScanner.Core.Layers;

namespace ComplianceScanner.Configuration.Tests.Binding;

public sealed class AgentSectionTests
{
    [Fact]
    public void Absent_agent_section_uses_the_defaults_without_leader_election_or_output()
    {
        var config = ConfigText.Valid("cluster: {name: a}\n");

        Assert.Equal(TimeSpan.FromSeconds(5), config.Agent.QuietPeriod);
        Assert.Equal(TimeSpan.FromMinutes(1), config.Agent.MaxDelay);
        Assert.False(config.Agent.LeaderElection.Enabled);
        Assert.Equal("compliance-scanner", config.Agent.LeaderElection.LeaseName);
        Assert.Null(config.Agent.LeaderElection.LeaseNamespace);
        Assert.Null(config.Agent.OutputDirectory);
    }

    [Fact]
    public void Durations_leader_election_and_output_are_read()
    {
        var config = ConfigText.Valid("""
            agent:
              quietPeriod: 1500ms
              maxDelay: 1m30s
              leaderElection: {enabled: true, leaseName: scanner-lock, leaseNamespace: security, leaseDuration: 20s, renewDeadline: 12s, retryPeriod: 3s}
              output: {directory: reports, formats: [json, markdown]}
            """);

        Assert.Equal(TimeSpan.FromMilliseconds(1500), config.Agent.QuietPeriod);
        Assert.Equal(TimeSpan.FromSeconds(90), config.Agent.MaxDelay);
        var election = config.Agent.LeaderElection;
        Assert.True(election.Enabled);
        Assert.Equal("scanner-lock", election.LeaseName);
        Assert.Equal("security", election.LeaseNamespace);
        Assert.Equal((TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(3)), (election.LeaseDuration, election.RenewDeadline, election.RetryPeriod));
        Assert.Equal(Path.GetFullPath("reports", ConfigText.BaseDirectory), config.Agent.OutputDirectory);
        Seq.Equal(["json", "markdown"], config.Agent.OutputFormats);
    }

    [Fact]
    public void Bad_durations_timings_that_do_not_nest_and_unknown_formats_are_reported_with_line_and_field()
    {
        var messages = ConfigText.Diagnose("""
            agent:
              quietPeriod: 5
              maxDelay: 2s
              leaderElection:
                leaseName: Scanner_Lock
                leaseDuration: 1500ms
                renewDeadline: 2s
                retryPeriod: 2s
              output: {directory: out, formats: [htm]}
            """);

        Seq.Equal(
            [
                "scanner.yaml:4:16: error: agent.quietPeriod: \"5\" is not a positive duration: write a number and a unit (ms, s, m, h), e.g. \"5s\", \"500ms\" or \"1m30s\".",
                "scanner.yaml:5:13: error: agent.maxDelay: maxDelay (2s) must not be shorter than quietPeriod (5s).",
                "scanner.yaml:7:16: error: agent.leaderElection.leaseName: \"Scanner_Lock\" is not a valid Lease name: it must be at most 253 lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit.",
                "scanner.yaml:8:20: error: agent.leaderElection.leaseDuration: must be a whole number of seconds, at least 1s, got 1500ms: a Lease records its duration in whole seconds.",
                "scanner.yaml:9:20: error: agent.leaderElection.renewDeadline: renewDeadline (2s) must be shorter than leaseDuration (1500ms): the leader must give up before another replica may take over.",
                "scanner.yaml:10:18: error: agent.leaderElection.retryPeriod: retryPeriod (2s) must be shorter than renewDeadline (2s): the leader renews every retryPeriod.",
                "scanner.yaml:11:38: error: agent.output.formats[0]: unknown report format \"htm\"; choose from html, json, sarif, junit, markdown, policyreport. Hint: did you mean \"html\"?",
            ],
            messages);
    }

    [Fact]
    public void Absent_post_scan_fields_publish_no_policy_reports_and_keep_90_bundles_beside_the_store()
    {
        var config = ConfigText.Valid("cluster: {name: a}\n");

        Assert.False(config.Agent.PublishPolicyReports);
        Assert.Equal(BundleSettings.Default, config.Agent.Bundles);
        Assert.Equal(90, config.Agent.Bundles.Keep);
        Assert.Null(config.Agent.Bundles.Directory);
        Assert.Null(config.Agent.Bundles.KeyPath);
    }

    [Fact]
    public void PublishPolicyReports_bundles_and_the_policyreport_output_format_are_read_with_paths_relative_to_the_config()
    {
        var config = ConfigText.Valid("""
            agent:
              publishPolicyReports: true
              bundles: {directory: evidence, keep: 7, key: /etc/compliance-scanner/keys/evidence.key}
              output: {directory: reports, formats: [policyreport, json]}
            """);

        Assert.True(config.Agent.PublishPolicyReports);
        Assert.Equal(Path.GetFullPath("evidence", ConfigText.BaseDirectory), config.Agent.Bundles.Directory);
        Assert.Equal(7, config.Agent.Bundles.Keep);
        Assert.Equal("/etc/compliance-scanner/keys/evidence.key", config.Agent.Bundles.KeyPath);
        Seq.Equal(["policyreport", "json"], config.Agent.OutputFormats);
    }

    [Theory]
    [InlineData("0", "\"0\"")]
    [InlineData("x", "\"x\"")]
    [InlineData("-3", "\"-3\"")]
    [InlineData("2.5", "\"2.5\"")]
    public void A_bundle_keep_that_is_not_a_whole_number_of_at_least_1_is_an_invalid_value_at_its_line_and_field(string keep, string quoted)
    {
        var result = ConfigText.Load(ConfigText.Header + $"agent:\n  bundles:\n    keep: {keep}\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(ConfigDiagnosticCodes.InvalidValue, diagnostic.Code);
        Assert.Equal($"scanner.yaml:5:11: error: agent.bundles.keep: must be a whole number of bundles, at least 1, got {quoted}.", diagnostic.ToString());
    }

    [Fact]
    public void Bad_publishPolicyReports_and_unknown_bundle_fields_are_reported_with_line_field_and_a_suggestion()
    {
        var messages = ConfigText.Diagnose("""
            agent:
              publishPolicyReport: true
              bundles:
                directry: evidence
                keep: 3
            """);

        Seq.Equal(
            [
                "scanner.yaml:4:3: error: agent.publishPolicyReport: unknown field \"publishPolicyReport\". Hint: did you mean \"publishPolicyReports\"?",
                "scanner.yaml:6:5: error: agent.bundles.directry: unknown field \"directry\". Hint: did you mean \"directory\"?",
            ],
            messages);
    }

    [Fact]
    public void A_publishPolicyReports_that_is_not_a_boolean_is_reported_at_its_line()
    {
        var messages = ConfigText.Diagnose("agent: {publishPolicyReports: sometimes}\n");

        var message = Assert.Single(messages);
        Assert.StartsWith("scanner.yaml:3:31: error: agent.publishPolicyReports: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Api_defaults_to_auto_authentication_anonymous_metrics_and_120_requests_a_minute()
    {
        var api = ConfigText.Valid("cluster: {name: a}\n").Agent.Api;

        Assert.Equal(Core.Layers.ApiAuthMode.Auto, api.AuthMode);
        Assert.Null(api.TokensFile);
        Assert.False(api.ProtectMetrics);
        Assert.Equal((120, TimeSpan.FromMinutes(1)), (api.RateLimitRequests, api.RateLimitWindow));
    }

    [Fact]
    public void Api_mode_tokens_file_metrics_and_rate_limit_are_read()
    {
        var api = ConfigText.Valid("""
            agent:
              api: {authMode: tokens, tokensFile: secrets/tokens, protectMetrics: true, rateLimit: {requests: 30, window: 10s}}
            """).Agent.Api;

        Assert.Equal(Core.Layers.ApiAuthMode.Tokens, api.AuthMode);
        Assert.Equal(Path.GetFullPath("secrets/tokens", ConfigText.BaseDirectory), api.TokensFile);
        Assert.True(api.ProtectMetrics);
        Assert.Equal((30, TimeSpan.FromSeconds(10)), (api.RateLimitRequests, api.RateLimitWindow));
    }

    [Fact]
    public void Api_unknown_mode_tokens_without_a_file_and_bad_rate_limits_are_reported_with_line_and_field()
    {
        var messages = ConfigText.Diagnose("""
            agent:
              api:
                authMode: kubernets
                rateLimit: {requests: 0, window: often}
            """);
        var tokens = ConfigText.Diagnose("""
            agent:
              api: {authMode: tokens}
            """);

        Seq.Equal(
            [
                "scanner.yaml:5:15: error: agent.api.authMode: unknown authMode \"kubernets\"; choose from auto, kubernetes, tokens. Hint: did you mean \"kubernetes\"?",
                "scanner.yaml:6:27: error: agent.api.rateLimit.requests: must be a whole number from 1 to 1000000, got \"0\".",
                "scanner.yaml:6:38: error: agent.api.rateLimit.window: \"often\" is not a positive duration: write a number and a unit (ms, s, m, h), e.g. \"5s\", \"500ms\" or \"1m30s\".",
            ],
            messages);
        Seq.Equal(["scanner.yaml:4:19: error: agent.api.authMode: authMode tokens needs agent.api.tokensFile: the file of accepted tokens (one per line, 'sha256:<hex> name' or a plain token)."], tokens);
    }
}
