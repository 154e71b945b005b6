using Microsoft.Extensions.DependencyInjection;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Errors;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Hosting;
using ProxmoxMcp.Server.Tools.Cluster;

namespace ProxmoxMcp.Server.Clusters;

/// <summary>
/// What list_clusters reports of each served cluster: its policy and addresses from the settings (never credentials),
/// and from the cluster itself (GET /version, GET /nodes, all clusters at once) whether it answers, its PVE version and
/// nodes. A cluster that does not answer is reported with the reason, beside the others.
/// </summary>
public static class ClusterProbe
{
    /// <summary>How long one cluster may take to answer before it is reported unreachable.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static async Task<IReadOnlyList<ServedCluster>> ProbeAllAsync(ClusterDirectory clusters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        return await Task.WhenAll(clusters.Clusters.Select(c => ProbeAsync(clusters, c, cancellationToken)));
    }

    private static async Task<ServedCluster> ProbeAsync(ClusterDirectory clusters, ClusterSettings cluster, CancellationToken cancellationToken)
    {
        var described = new ServedCluster
        {
            Name = cluster.Name,
            Default = ReferenceEquals(cluster, clusters.Default),
            ReadOnly = cluster.ReadOnly,
            Simulated = cluster.Simulation is not null ? true : null,
            Addresses = Addresses(cluster),
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        IServiceProvider? services = null;
        try
        {
            services = clusters.Services(cluster);
            var proxmox = services.GetRequiredService<ProxmoxClient>();
            var version = proxmox.GetVersionAsync(timeout.Token);
            var nodes = await proxmox.GetNodesAsync(timeout.Token);
            return described with
            {
                Reachable = true,
                PveVersion = (await version).Version,
                Nodes = nodes.Count,
                NodesOnline = nodes.Count(n => n.Status == "online"),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return described with { Error = $"no answer within {Timeout.TotalSeconds:0} s" };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var translator = services?.GetService<ProxmoxErrorTranslator>();
            var message = translator is null ? null : await translator.DescribeAsync(e, null, cancellationToken);
            return described with { Error = message ?? $"{e.GetType().Name}: {e.Message}" };
        }
    }

    private static IReadOnlyList<string> Addresses(ClusterSettings cluster) =>
        cluster.Simulation is not null
            ? [$"{ProxmoxBackend.SimulatedHost} (in-process)"]
            : cluster.Proxmox.Host is null ? [] : [.. cluster.Proxmox.BaseAddresses.Select(a => a.Authority)];
}
