using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ComplianceScanner.Agent.Tests.Agent.PostScan;

/// <summary>A webhook receiver on 127.0.0.1 (free port) that records every message it is sent, with its idempotency key.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Key, string Body)> messages = new();
    private readonly WebApplication app;

    private WebhookReceiver(WebApplication app, int port)
    {
        this.app = app;
        Url = $"http://127.0.0.1:{port}/hooks/agent";
    }

    public string Url { get; }

    /// <summary>Messages in arrival order.</summary>
    public IReadOnlyList<(string Key, string Body)> Messages => [.. messages];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var port = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, port);
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        messages.Enqueue((context.Request.Headers["Idempotency-Key"].ToString(), body));
        context.Response.StatusCode = 200;
        await context.Response.WriteAsync("ok");
    }
}
