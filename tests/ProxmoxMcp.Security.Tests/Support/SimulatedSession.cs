using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Hosting;
using ProxmoxMcp.Simulator;

namespace ProxmoxMcp.Security.Tests.Support;

/// <summary>The real server (every filter, every tool) over in-memory pipes against a fresh simulated cluster.</summary>
public sealed class SimulatedSession : IAsyncDisposable
{
    private readonly InProcessSession session;

    private SimulatedSession(InProcessSession session, SimulatedCluster cluster)
    {
        this.session = session;
        Cluster = cluster;
    }

    public SimulatedCluster Cluster { get; }

    public McpClient Client => session.Client;

    public static async Task<SimulatedSession> StartAsync()
    {
        var cluster = new SimulatedCluster(new SimulatorOptions { TaskDuration = TimeSpan.FromMilliseconds(50) });
        var settings = new ServerSettings
        {
            Proxmox = new ProxmoxOptions(),
            Simulate = true,
            TaskTimeout = TimeSpan.FromSeconds(10),
            Confirmation = ConfirmationMode.Argument,
            Tools = ["all"],
            GuestExec = GuestExecMode.AllowList,
            GuestExecAllow = ["uptime"],
        };
        var session = await InProcessSession.StartAsync(settings, null, s => s.AddSingleton(cluster), cancellationToken: TestContext.Current.CancellationToken);
        return new SimulatedSession(session, cluster);
    }

    public Task<CallToolResult> CallAsync(string tool, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken) =>
        Client.CallToolAsync(tool, arguments, cancellationToken: cancellationToken).AsTask();

    public async ValueTask DisposeAsync()
    {
        await session.DisposeAsync();
        Cluster.Dispose();
    }
}
