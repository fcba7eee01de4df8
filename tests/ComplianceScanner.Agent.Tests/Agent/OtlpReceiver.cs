using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ComplianceScanner.Agent.Tests.Agent;

/// <summary>
/// An in-process OTLP/HTTP collector on 127.0.0.1 (a free port): accepts protobuf POSTs to <c>/v1/traces</c>,
/// <c>/v1/metrics</c> and <c>/v1/logs</c>, keeps the request bodies, and answers 200 with an empty export response.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(string Path, byte[] Body)> received = new();

    private OtlpReceiver(WebApplication app) => this.app = app;

    public Uri Url { get; private set; } = new("http://127.0.0.1");

    public IEnumerable<byte[]> Bodies(string path) => received.Where(r => r.Path == path).Select(r => r.Body);

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = new Uri(app.Urls.First());
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "/";
        if (ctx.Request.Method != "POST" || path is not ("/v1/traces" or "/v1/metrics" or "/v1/logs"))
        {
            ctx.Response.StatusCode = 404;
            return;
        }

        using var buffer = new MemoryStream();
        var body = ctx.Request.Headers.ContentEncoding == "gzip" ? new GZipStream(ctx.Request.Body, CompressionMode.Decompress) : ctx.Request.Body;
        await body.CopyToAsync(buffer);
        received.Enqueue((path, buffer.ToArray()));
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/x-protobuf";
    }
}
