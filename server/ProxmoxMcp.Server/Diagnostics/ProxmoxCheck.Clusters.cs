using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Server.CommandLine;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Tools;

namespace ProxmoxMcp.Server.Diagnostics;

/// <summary>
/// `check` with several clusters (a clusters file, --simulate, or one cluster with several addresses): the shared
/// settings once, then one section per cluster: each address's network and TLS, then the API checks through the same
/// failover client the server uses. An address down while another answers is a warning; a cluster none of whose
/// addresses answers is a failure, and so is any failing cluster for the exit code.
/// </summary>
public static partial class ProxmoxCheck
{
    private static bool IsSeveral(ServerSettings settings) =>
        settings.Clusters.Count > 1 || !ReferenceEquals(settings.Clusters[0].Proxmox, settings.Proxmox) || settings.Proxmox.FailoverHosts.Count > 0;

    private static async Task<int> RunClustersAsync(ServerSettings settings, CheckReport report, CancellationToken cancellationToken)
    {
        report.Section("Configuration");
        report.Info("Settings from: " + string.Join(", ", settings.Sources) + ".");
        var problems = settings.Problems.ToList();
        problems.AddRange(ToolSelection.UnknownNames(ToolCatalog.All, settings)
            .Select(n => $"'{n}' in {SettingNames.Tools}/{SettingNames.ExcludeTools} is neither a tool, a toolset nor a profile ({ToolSelection.Vocabulary})."));
        foreach (var problem in problems)
        {
            report.Fail(problem);
        }

        if (problems.Count > 0)
        {
            report.Verdict();
            return ExitCodes.BadConfiguration;
        }

        report.Ok($"{settings.Clusters.Count} cluster{(settings.Clusters.Count == 1 ? "" : "s")}: " +
            string.Join(", ", settings.Clusters.Select((c, i) => c.Name + (i == 0 ? " (default)" : ""))) + ".");
        foreach (var cluster in settings.Clusters)
        {
            await CheckClusterAsync(ForCluster(settings, cluster), cluster, report, cancellationToken);
        }

        report.Verdict();
        return report.Failures > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }

    /// <summary>The settings one cluster is served with: its connection, its policy added to the server's.</summary>
    private static ServerSettings ForCluster(ServerSettings settings, ClusterSettings cluster) => settings with
    {
        Proxmox = cluster.Proxmox,
        Simulate = cluster.Simulation is not null,
        ReadOnly = settings.ReadOnly || cluster.ReadOnly,
        Tools = cluster.Tools.Count > 0 ? cluster.Tools : settings.Tools,
        ExcludeTools = [.. settings.ExcludeTools, .. cluster.ExcludeTools],
        Clusters = [cluster],
    };

    private static async Task CheckClusterAsync(ServerSettings one, ClusterSettings cluster, CheckReport report, CancellationToken cancellationToken)
    {
        var options = one.Proxmox;
        report.Section($"=== Cluster '{cluster.Name}' ===");
        if (one.Simulate)
        {
            report.Warn($"Cluster '{cluster.Name}' is SIMULATED ({cluster.Simulation!.Estate} estate), not a real Proxmox.");
            report.Skip("The simulated cluster runs inside the server: no DNS, TCP or TLS to check.");
            await CheckApiAsync(one, null, report, cancellationToken);
            return;
        }

        var invalid = options.Validate();
        foreach (var problem in invalid)
        {
            report.Fail($"Cluster '{cluster.Name}': {problem}");
        }

        if (invalid.Count > 0)
        {
            return;
        }

        var addresses = options.BaseAddresses;
        report.Ok($"Cluster '{cluster.Name}': {string.Join(", ", addresses.Select(a => a.Authority))} (tried in this order) as {Credentials(options)}" +
            (cluster.ReadOnly ? ", read-only" : "") + ".");
        var reachable = new List<Uri>();
        string? fingerprint = null;
        foreach (var address in addresses)
        {
            var (passed, presented) = await ConnectionProbe.RunAsync(AtAddress(options, address), report.Detached(), cancellationToken);
            if (passed)
            {
                reachable.Add(address);
                fingerprint ??= presented;
            }
        }

        report.Section($"Addresses of cluster '{cluster.Name}'");
        if (reachable.Count == 0)
        {
            report.Fail($"All {addresses.Count} address{(addresses.Count == 1 ? "" : "es")} of cluster '{cluster.Name}' failed ({string.Join(", ", addresses.Select(a => a.Authority))}): see the FAIL lines above.");
            return;
        }

        foreach (var down in addresses.Except(reachable))
        {
            report.Warn($"{down.Authority} is not reachable (see above); requests fail over to {reachable[0].Authority}.");
        }

        if (reachable.Count == addresses.Count)
        {
            report.Ok($"All {addresses.Count} address{(addresses.Count == 1 ? "" : "es")} answered.");
        }

        await CheckApiAsync(one, fingerprint, report, cancellationToken);
    }

    /// <summary>The cluster's settings with one address only, for the per-address network probe.</summary>
    private static ProxmoxOptions AtAddress(ProxmoxOptions options, Uri address) => new()
    {
        Host = address.Host,
        Port = address.Port,
        Username = options.Username,
        Realm = options.Realm,
        TokenId = options.TokenId,
        VerifySsl = options.VerifySsl,
        CaFile = options.CaFile,
        Fingerprint = options.Fingerprint,
        AttemptTimeout = options.AttemptTimeout,
        TotalTimeout = options.TotalTimeout,
        ClusterName = options.ClusterName,
    };
}
