using Microsoft.Extensions.DependencyInjection;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Hosting;
using ProxmoxMcp.Simulator;

namespace ProxmoxMcp.Server.Tests.Support;

/// <summary>
/// A second simulated cluster beside the demo one: "lab", a generated estate of 2 nodes and 12 guests whose vmids
/// (100-111) overlap the demo estate's (100-106) on purpose. The default cluster stays the test's own simulator.
/// </summary>
public static class TwoClusters
{
    public const string Lab = "lab";

    public static ClusterSettings LabCluster(Func<ClusterSettings, ClusterSettings>? adjust = null)
    {
        var lab = new ClusterSettings
        {
            Name = Lab,
            Proxmox = new ProxmoxOptions(),
            Simulation = new SimulatorOptions { ClusterName = Lab, Estate = EstateSize.Large(2, 12), Seed = 7, TaskDuration = TimeSpan.FromMilliseconds(100) },
        };
        return adjust?.Invoke(lab) ?? lab;
    }

    /// <summary>The settings serving the default cluster and <paramref name="others"/> (lab when none are given).</summary>
    public static ServerSettings With(ServerSettings settings, params ClusterSettings[] others)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Clusters = [.. settings.Clusters, .. others.Length == 0 ? [LabCluster()] : others] };
    }

    public static ServerSettings AddLabIf(bool condition, ServerSettings settings) => condition ? With(settings) : settings;

    /// <summary>A served cluster's simulator (builds that cluster's services).</summary>
    public static SimulatedCluster Simulator(this SimulatedServer server, string cluster)
    {
        ArgumentNullException.ThrowIfNull(server);
        var clusters = ((ServerServices)server.Services).Clusters;
        return clusters.Services(clusters.Find(cluster)!).GetRequiredService<SimulatedCluster>();
    }
}
