using System.IO.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Server.Configuration;

namespace ProxmoxMcp.Server.Hosting;

/// <summary>
/// The real server and the SDK's client joined by in-memory pipes: the `call` command and tests drive tools through it
/// (tests may wrap the server's output stream to record the protocol bytes it writes).
/// </summary>
public sealed class InProcessSession : IAsyncDisposable
{
    private readonly ServerApp server;
    private readonly CancellationTokenSource stopping;
    private readonly Task running;

    private InProcessSession(ServerApp server, CancellationTokenSource stopping, Task running, McpClient client)
    {
        this.server = server;
        this.stopping = stopping;
        this.running = running;
        Client = client;
    }

    public McpClient Client { get; }

    public ServerServices Services => server.Services;

    public static async Task<InProcessSession> StartAsync(
        ServerSettings settings,
        McpClientOptions? clientOptions = null,
        Action<IServiceCollection>? configureServices = null,
        Func<Stream, Stream>? tapServerOutput = null,
        CancellationToken cancellationToken = default)
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        var serverOutput = toClient.Writer.AsStream();
        var server = ServerHost.Build(settings, toServer.Reader.AsStream(), tapServerOutput?.Invoke(serverOutput) ?? serverOutput, configureServices);
        var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = server.RunAsync(stopping.Token);
        var client = await McpClient.CreateAsync(
            new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream(), null),
            clientOptions,
            null,
            cancellationToken);
        return new InProcessSession(server, stopping, running, client);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await stopping.CancelAsync();
        await running;
        await server.DisposeAsync();
        stopping.Dispose();
    }
}
