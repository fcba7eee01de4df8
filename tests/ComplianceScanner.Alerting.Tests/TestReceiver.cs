using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ComplianceScanner.Alerting.Tests;

/// <summary>
/// A webhook receiver on 127.0.0.1 that dedupes by <c>Idempotency-Key</c>, as a well-behaved receiver does, and can be
/// told to fail: answer 500, accept and then hang past the sender's timeout (the answer is lost, the message was not),
/// or be down (stopped: connection refused) and come back on the same port.
/// </summary>
internal sealed class TestReceiver : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, string> accepted = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> acceptedOrder = new();
    private WebApplication? app;
    private int requests;
    private int duplicates;

    private TestReceiver(int port)
    {
        Port = port;
    }

    public enum Behaviour
    {
        Accept,
        Fail500,
        AcceptThenHang,
    }

    public int Port { get; }

    /// <summary>The URL to post to (a path that looks like a secret, to check redaction).</summary>
    public string Url => $"http://127.0.0.1:{Port}/hooks/T0SECRET/B0SECRET/xoxb-secret-path";

    public Behaviour Mode { get; set; } = Behaviour.Accept;

    /// <summary>Time between acting on a message and answering (so a kill lands while a message is accepted but not yet confirmed).</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Bodies of the messages acted on, by idempotency key (each key once).</summary>
    public IReadOnlyDictionary<string, string> Accepted => accepted;

    /// <summary>Keys in the order they were first accepted.</summary>
    public IReadOnlyList<string> AcceptedOrder => [.. acceptedOrder];

    public int Requests => requests;

    /// <summary>Messages that arrived again with a key already acted on (answered 200, not acted on).</summary>
    public int Duplicates => duplicates;

    public static async Task<TestReceiver> StartAsync()
    {
        var receiver = new TestReceiver(FreePort());
        await receiver.UpAsync();
        return receiver;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops listening: connections are refused until <see cref="UpAsync"/>.</summary>
    public async Task DownAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
    }

    public async Task UpAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
        app = builder.Build();
        app.MapPost("/{**path}", HandleAsync);
        await app.StartAsync();
    }

    public async ValueTask DisposeAsync() => await DownAsync();

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref requests);
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        switch (Mode)
        {
            case Behaviour.Fail500:
                context.Response.StatusCode = 500;
                await context.Response.WriteAsync("internal error at " + context.Request.Path);
                return;
            case Behaviour.AcceptThenHang:
                Accept(key, body);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }

                return;
            default:
                // Acted on first, answered after the latency: a sender killed in between never learns it was accepted.
                Accept(key, body);
                if (Latency > TimeSpan.Zero)
                {
                    await Task.Delay(Latency);
                }

                context.Response.StatusCode = 200;
                await context.Response.WriteAsync("ok");
                return;
        }
    }

    private void Accept(string key, string body)
    {
        Assert.False(string.IsNullOrEmpty(key), "a message without Idempotency-Key");
        if (accepted.TryAdd(key, body))
        {
            acceptedOrder.Enqueue(key);
        }
        else
        {
            Interlocked.Increment(ref duplicates);
        }
    }
}
