using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Tools;

namespace ProxmoxMcp.Server.CommandLine;

/// <summary>Settings problems found before serving, reported on stderr (the only place a person running the service will look).</summary>
public static class StartupChecks
{
    public static bool Report(ServerSettings settings) => Report(settings, includeConnection: true);

    /// <summary>For commands that do not talk to Proxmox (`tools`): unreadable env file, bad values, unknown tool names.</summary>
    public static bool ReportSettings(ServerSettings settings) => Report(settings, includeConnection: false);

    private static bool Report(ServerSettings settings, bool includeConnection)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = settings.Problems.ToList();

        // The single-cluster settings are checked here when they are served; a clusters file's clusters were checked when it was read.
        var servesEnvironmentCluster = settings.Clusters.Any(c => ReferenceEquals(c.Proxmox, settings.Proxmox) && c.Simulation is null);
        if (includeConnection && servesEnvironmentCluster)
        {
            problems.AddRange(settings.Proxmox.Validate());
        }

        foreach (var unknown in ToolSelection.UnknownNames(ToolCatalog.All, settings))
        {
            problems.Add($"'{unknown}' in {SettingNames.Tools}/{SettingNames.ExcludeTools} is neither a tool, a toolset nor a profile ({ToolSelection.Vocabulary}).");
        }

        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"proxmox-mcp: {problem}");
        }

        if (includeConnection && servesEnvironmentCluster && settings.Proxmox.VerifySsl is false && settings.Proxmox.Fingerprint is null)
        {
            Console.Error.WriteLine(
                $"proxmox-mcp: WARNING: {SettingNames.VerifySsl}=false accepts any certificate, so anyone on the network path can impersonate the node " +
                $"and read the API token. Pin the node's certificate instead: {SettingNames.Fingerprint}=<SHA-256 from the GUI>, or {SettingNames.CaFile}=pve-root-ca.pem.");
        }

        return problems.Count == 0;
    }
}
