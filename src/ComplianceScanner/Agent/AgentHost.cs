using ComplianceScanner.Agent.Api;
using ComplianceScanner.Pipeline;
using ComplianceScanner.Snapshot.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Hosting;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Quartz;

namespace ComplianceScanner.Agent;

/// <summary>
/// Builds the agent: an ASP.NET Core host (Kestrel on <see cref="AgentOptions.Listen"/>) serving <c>/healthz</c>,
/// <c>/readyz</c> and <c>/metrics</c>, the <see cref="AgentWorker"/> that leads and scans, Quartz with the
/// <c>schedule:</c> cron triggers, and OpenTelemetry (traces, metrics, logs; OTLP when an <c>OTEL_EXPORTER_OTLP_*</c>
/// endpoint is configured).
/// </summary>
internal static class AgentHost
{
    public const string DefaultServiceName = "compliance-scanner";

    private static readonly string[] OtlpEndpointKeys = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"];

    /// <param name="options">The resolved command line and config.</param>
    /// <param name="source">The cluster, read by the watch cache and holding the Lease; the caller disposes it after the host.</param>
    /// <param name="configure">Extra service registrations (tests add handlers here).</param>
    public static WebApplication Build(AgentOptions options, LiveSnapshotSource source, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(source);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddInMemoryCollection(options.Settings);
        builder.WebHost.UseUrls(options.Listen);
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = options.ShutdownTimeout);
        builder.Services
            .AddSingleton(options)
            .AddSingleton(source)
            .AddSingleton<AgentState>()
            .AddSingleton<AgentMetrics>()
            .AddSingleton<AgentScanner>()
            .AddSingleton<FullScanRequests>()
            .AddPostScanWork();
        configure?.Invoke(builder.Services);
        AddSchedules(builder.Services, options);
        builder.Services.AddHostedService<AgentWorker>();
        AddTelemetry(builder, options);
        builder.AddScannerApi(options, source);

        var app = builder.Build();
        app.MapScannerApi();

        // The only anonymous endpoints (ScannerApi.AnonymousPaths): everything else needs a token (the fallback policy).
        app.MapGet("/healthz", () => Results.Text("ok\n")).AllowAnonymous();
        app.MapGet("/readyz", (AgentState state) => Readiness(state)).AllowAnonymous();
        var metrics = app.MapPrometheusScrapingEndpoint("/metrics");
        if (!options.Config.Agent.Api.ProtectMetrics)
        {
            metrics.AllowAnonymous();
        }

        return app;
    }

    private static IResult Readiness(AgentState state)
    {
        if (state.Ready)
        {
            return Results.Text(state.IsLeader ? "ready: leading, scanned\n" : $"ready: standby, leader is {state.Leader}\n");
        }

        return Results.Text(state.IsLeader ? "not ready: the first scan has not finished\n" : "not ready: no leader observed yet\n", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>
    /// The cron triggers of <c>schedule:</c> (UTC). The scheduler is started only while this replica leads (see
    /// <see cref="AgentWorker"/>), so standby replicas never fire. A firing missed while standing by is not made up:
    /// the new leader scans at once anyway.
    /// </summary>
    private static void AddSchedules(IServiceCollection services, AgentOptions options)
    {
        var schedule = options.Config.Schedule;
        services.AddQuartz(q =>
        {
            // Quartz keeps schedulers in a process-wide repository by name: one name per agent (tests run several).
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "compliance-scanner-" + options.Identity;
                s.InstanceId = options.Identity;
            });
            q.UseTimeProvider(options.Time);
            if (schedule.Scan is { } scan)
            {
                AddCron<ScanJob>(q, ScanJob.Name, scan);
            }

            if (schedule.Reports is { } reports)
            {
                AddCron<ScheduledWorkJob>(q, "reports", reports, (ScheduledWorkJob.WorkKey, nameof(ScheduledWork.Reports)));
            }

            if (schedule.Bundles is { } bundles)
            {
                AddCron<ScheduledWorkJob>(q, "bundles", bundles, (ScheduledWorkJob.WorkKey, nameof(ScheduledWork.Bundles)));
            }

            // Each e-mail report schedule on its own cron (reports.schedules), only with a store to record deliveries in.
            foreach (var report in options.StorePath is null ? [] : options.Config.Reports?.Schedules ?? [])
            {
                AddCron<PostScan.ReportScheduleJob>(q, "report-" + report.Name, report.Cron, (PostScan.ReportScheduleJob.ScheduleKey, report.Name));
            }
        });

        // Created at startup but not started: the worker starts it while this replica leads and puts it in standby
        // otherwise. Stopped after the worker (hosted services stop in reverse order), once no scan job waits.
        services.AddQuartzHostedService(o =>
        {
            o.AutoStart = false;
            o.WaitForJobsToComplete = true;
        });
    }

    private static void AddCron<T>(IQuartzBuilder q, string name, string cron, (string Key, string Value)? data = null)
        where T : class, IJob
    {
        var key = new JobKey(name);
        q.AddJob<T>(j =>
        {
            j.WithIdentity(key);
            if (data is { } d)
            {
                j.UsingJobData(d.Key, d.Value);
            }
        });
        q.AddTrigger(t => t
            .ForJob(key)
            .WithIdentity(name + "-schedule")
            .WithSchedule(CronScheduleBuilder.Create(cron).InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)));
    }

    /// <summary>
    /// Traces (the scan's spans and Kubernetes API calls through HttpClient), metrics (the agent's meter and HttpClient's)
    /// and logs. Prometheus always; OTLP for each signal whose endpoint is configured with the standard variables
    /// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>..._PROTOCOL</c>, <c>..._HEADERS</c>, <c>OTEL_SERVICE_NAME</c>, ...),
    /// which the exporter reads itself.
    /// </summary>
    private static void AddTelemetry(WebApplicationBuilder builder, AgentOptions options)
    {
        var config = builder.Configuration;
        bool Configured(string key) => !string.IsNullOrWhiteSpace(config[key]);
        var all = Configured(OtlpEndpointKeys[0]);
        var traces = all || Configured(OtlpEndpointKeys[1]);
        var metrics = all || Configured(OtlpEndpointKeys[2]);
        var logs = all || Configured(OtlpEndpointKeys[3]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(
                config["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName,
                serviceVersion: ScanPipeline.ScannerVersion,
                serviceInstanceId: options.Identity))
            .WithTracing(t =>
            {
                t.AddSource(ScanTelemetry.SourceName).AddHttpClientInstrumentation();
                if (traces)
                {
                    t.AddOtlpExporter();
                }
            })
            .WithMetrics(m =>
            {
                m.AddMeter(AgentMetrics.MeterName).AddHttpClientInstrumentation().AddPrometheusExporter();
                if (metrics)
                {
                    m.AddOtlpExporter();
                }
            });
        if (logs)
        {
            telemetry.WithLogging(l => l.AddOtlpExporter());
        }
    }
}
