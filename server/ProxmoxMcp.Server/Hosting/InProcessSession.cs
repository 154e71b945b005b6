using System.IO.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Server.Configuration;

namespace ProxmoxMcp.Server.Hosting;

/// <summary>The real server and the SDK's client joined by in-memory pipes: the `call` command and tests drive tools through it.</summary>
public sealed class InProcessSession : IAsyncDisposable
{
    private readonly IHost host;
    private readonly Task running;

    private InProcessSession(IHost host, Task running, McpClient client)
    {
        this.host = host;
        this.running = running;
        Client = client;
    }

    public McpClient Client { get; }

    public IServiceProvider Services => host.Services;

    public static async Task<InProcessSession> StartAsync(
        ServerSettings settings,
        McpClientOptions? clientOptions = null,
        Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        var host = ServerHost.Build(settings, toServer.Reader.AsStream(), toClient.Writer.AsStream(), configureServices);
        var running = host.RunAsync(cancellationToken);
        var client = await McpClient.CreateAsync(
            new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream(), null),
            clientOptions,
            null,
            cancellationToken);
        return new InProcessSession(host, running, client);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await host.StopAsync();
        await running;
        host.Dispose();
    }
}
