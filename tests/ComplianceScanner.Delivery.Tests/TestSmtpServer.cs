using System.Buffers;
using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ComplianceScanner.Delivery.Tests;

/// <summary>
/// A real SMTP server (the SmtpServer package) on 127.0.0.1 and a free port, in process. It keeps every message it
/// accepts (envelope recipients and the parsed message) and can refuse the next messages with 4xx/5xx replies.
/// </summary>
internal sealed class TestSmtpServer : IMessageStore, IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<ReceivedMail> received = [];
    private readonly Queue<SmtpResponse> refusals = new();
    private readonly CancellationTokenSource stop = new();
    private SmtpServer.SmtpServer? server;
    private Task? running;

    public int Port { get; private set; }

    public ImmutableArray<ReceivedMail> Received
    {
        get
        {
            lock (gate)
            {
                return [.. received];
            }
        }
    }

    public static async Task<TestSmtpServer> StartAsync()
    {
        var smtp = new TestSmtpServer { Port = FreePort() };
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, smtp.Port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(smtp);
        smtp.server = new SmtpServer.SmtpServer(options, services);
        smtp.running = smtp.server.StartAsync(smtp.stop.Token);
        await WaitListeningAsync(smtp.Port);
        return smtp;
    }

    /// <summary>Refuses the next messages, one reply each (e.g. 451 then 554), then accepts again.</summary>
    public void Refuse(params SmtpResponse[] replies)
    {
        lock (gate)
        {
            foreach (var reply in replies)
            {
                refusals.Enqueue(reply);
            }
        }
    }

    public Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (refusals.TryDequeue(out var refusal))
            {
                return Task.FromResult(refusal);
            }
        }

        using var stream = new MemoryStream(buffer.ToArray());
        var message = MimeMessage.Load(stream, cancellationToken);
        var to = transaction.To.Select(m => $"{m.User}@{m.Host}").ToImmutableArray();
        lock (gate)
        {
            received.Add(new ReceivedMail(to, message));
        }

        return Task.FromResult(SmtpResponse.Ok);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (running is not null)
        {
            try
            {
                await running.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (OperationCanceledException)
            {
            }
        }

        stop.Dispose();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Bounded wait until the port accepts connections (the server binds asynchronously).</summary>
    private static async Task WaitListeningAsync(int port)
    {
        var deadline = Environment.TickCount64 + 10_000;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (Environment.TickCount64 < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
