using Microsoft.Extensions.DependencyInjection;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Simulator;

namespace ProxmoxMcp.Server.Hosting;

/// <summary>The Proxmox the server talks to: the configured cluster over HTTPS, or the built-in simulated cluster in-process.</summary>
public static class ProxmoxBackend
{
    /// <summary>Where --simulate points the client; the name never resolves because no socket is opened.</summary>
    public const string SimulatedHost = "simulated.pve.invalid";

    /// <summary>The cluster's Proxmox client: over HTTPS, or to its simulated cluster when <see cref="ClusterSettings.Simulation"/> is set.</summary>
    public static IServiceCollection AddProxmoxBackend(this IServiceCollection services, ClusterSettings cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (cluster.Simulation is not { } simulation)
        {
            return services.AddProxmoxClient(cluster.Proxmox);
        }

        services.AddSingleton(_ => new SimulatedCluster(simulation));
        var simulated = SimulatedOptions();
        simulated.Protect = cluster.Proxmox.Protect;
        simulated.Allow = cluster.Proxmox.Allow;
        simulated.ClusterName = cluster.Proxmox.ClusterName;
        return services.AddProxmoxClient(simulated, sp => sp.GetRequiredService<SimulatedCluster>().CreateHandler());
    }

    /// <summary>The client settings that reach the simulated cluster: its well-known demo token.</summary>
    public static ProxmoxOptions SimulatedOptions() => new()
    {
        Host = SimulatedHost,
        TokenId = SimulatedCredentials.AdminTokenId,
        TokenSecret = SimulatedCredentials.AdminTokenSecret,
    };
}
