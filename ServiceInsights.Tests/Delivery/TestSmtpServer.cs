using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ServiceInsights.Tests.Delivery;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a free loopback port, in-process: it keeps every message it accepts, and
/// refuses the first <see cref="RefuseFirst"/> messages with 554, as a mail server that rejects a delivery does. With a
/// password it asks every client to log in (AUTH over plain text) and accepts only that password.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Store _store;

    public TestSmtpServer(int refuseFirst = 0, string? password = null)
    {
        Port = FreePort();
        _store = new Store(this) { Refuse = refuseFirst };
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).AllowUnsecureAuthentication(password is not null).AuthenticationRequired(password is not null))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        if (password is not null)
        {
            services.Add(new SmtpServer.Authentication.DelegatingUserAuthenticator((_, given) => given == password));
        }
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public List<MimeMessage> Messages { get; } = [];

    public int Refused { get; private set; }

    public int RefuseFirst { get => _store.Refuse; set => _store.Refuse = value; }

    /// <summary>The configuration that points the app at this server.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "工程服务部 <reports@serviceinsights.local>",
        ["Smtp:TimeoutSeconds"] = "5",
    };

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public int Refuse { get; set; }

        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            lock (server.Messages)
            {
                if (server.Refused < Refuse)
                {
                    server.Refused++;
                    return Task.FromResult(new SmtpResponse(SmtpReplyCode.TransactionFailed, "mailbox refused by the test server"));
                }

                using var stream = new MemoryStream(buffer.ToArray());
                server.Messages.Add(MimeMessage.Load(stream));
            }

            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
