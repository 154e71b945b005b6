using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;
using ProxmoxMcp.Server.Hosting.Protocol;

namespace ProxmoxMcp.Server.Hosting;

/// <summary>
/// One MCP session, built by <see cref="ServerHost.Build"/>: the protocol guard in front of the SDK's stream
/// transport, the SDK server, and the services its tools resolve. <see cref="RunAsync"/> serves until the input ends
/// (after the guard has let replies to requests already read go out) or the token is cancelled (SIGTERM).
/// </summary>
public sealed class ServerApp : IAsyncDisposable
{
    private readonly ProtocolGuard guard;
    private readonly StreamServerTransport transport;
    private readonly McpServer server;
    private readonly ILoggerFactory loggers;

    internal ServerApp(ProtocolGuard guard, StreamServerTransport transport, McpServer server, ServerServices services, ILoggerFactory loggers)
    {
        this.guard = guard;
        this.transport = transport;
        this.server = server;
        this.loggers = loggers;
        Services = services;
    }

    /// <summary>What tools resolve their dependencies from (the Proxmox client, the settings, ...).</summary>
    public ServerServices Services { get; }

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        guard.Start(loggers.CreateLogger("ProxmoxMcp.Protocol"));
        try
        {
            await server.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // SIGTERM, or the in-process session closing.
        }
        finally
        {
            await guard.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        await transport.DisposeAsync();
        await guard.DisposeAsync();
        await Services.DisposeAsync();
        loggers.Dispose();
    }
}
