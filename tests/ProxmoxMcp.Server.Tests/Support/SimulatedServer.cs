using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Hosting;
using ProxmoxMcp.Simulator;

namespace ProxmoxMcp.Server.Tests.Support;

/// <summary>
/// The real server (all filters, the real tool catalog) on in-memory pipes, driven by the SDK's MCP client, against a
/// fresh simulated cluster per test. Tasks finish quickly so tests that wait for them stay fast.
/// </summary>
public sealed class SimulatedServer : IAsyncDisposable
{
    private readonly InProcessSession session;

    private SimulatedServer(InProcessSession session, SimulatedCluster cluster, WireRecorder wire)
    {
        this.session = session;
        Cluster = cluster;
        Wire = wire;
    }

    public SimulatedCluster Cluster { get; }

    /// <summary>Every line the server wrote to the client (its stdout, were it a process).</summary>
    public WireRecorder Wire { get; }

    public McpClient Client => session.Client;

    public IServiceProvider Services => session.Services;

    public static async Task<SimulatedServer> StartAsync(
        Func<ServerSettings, ServerSettings>? adjust = null,
        SimulatorOptions? simulator = null,
        McpClientOptions? clientOptions = null)
    {
        var cluster = new SimulatedCluster(simulator ?? new SimulatorOptions { TaskDuration = TimeSpan.FromMilliseconds(100) });
        // Every tool, not just the default profile: the tests cover them all.
        var settings = new ServerSettings { Proxmox = new ProxmoxOptions(), Simulate = true, TaskTimeout = TimeSpan.FromSeconds(20), Tools = ["all"] };
        settings = adjust?.Invoke(settings) ?? settings;
        var wire = new WireRecorder();
        var session = await InProcessSession.StartAsync(
            settings,
            clientOptions,
            services => services.AddSingleton(cluster),
            wire.Wrap,
            TestContext.Current.CancellationToken);
        return new SimulatedServer(session, cluster, wire);
    }

    public async Task<CallToolResult> CallAsync(string tool, object? arguments = null)
    {
        var values = arguments is null
            ? new Dictionary<string, object?>()
            : JsonSerializer.SerializeToElement(arguments).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        return await Client.CallToolAsync(tool, values, cancellationToken: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await session.DisposeAsync();
        Cluster.Dispose();
    }
}
