using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ProxmoxMcp.Server.Hosting.Protocol;

/// <summary>Starts the guard's input pump with the host, and stops it with the host.</summary>
public sealed class ProtocolGuardService(ProtocolGuard guard, ILoggerFactory loggers) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        guard.Start(loggers.CreateLogger("ProxmoxMcp.Protocol"));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => guard.DisposeAsync().AsTask();
}
