using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Polly.Timeout;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Proxmox.Errors;
using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.CommandLine;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Hosting;
using ProxmoxMcp.Server.Tools;

namespace ProxmoxMcp.Server.Diagnostics;

/// <summary>
/// `proxmox-mcp check`: configuration, then DNS, TCP and TLS to the node, then authentication, what the
/// credentials can see, and which tool groups their privileges allow. Each layer runs only when the one below it
/// passed, so the first FAIL is the thing to fix. Never prints a secret: only setting names and non-secret values.
/// </summary>
public static partial class ProxmoxCheck
{
    public static async Task<int> RunAsync(ServerSettings settings, CheckReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(report);
        if (IsSeveral(settings))
        {
            return await RunClustersAsync(settings, report, cancellationToken);
        }

        if (!CheckConfiguration(settings, report))
        {
            report.Verdict();
            return ExitCodes.BadConfiguration;
        }

        string? presentedFingerprint = null;
        if (settings.Simulate)
        {
            report.Section("Network and TLS");
            report.Skip("The simulated cluster runs inside the server: no DNS, TCP or TLS to check.");
        }
        else
        {
            var (passed, fingerprint) = await ConnectionProbe.RunAsync(settings.Proxmox, report, cancellationToken);
            presentedFingerprint = fingerprint;
            if (!passed)
            {
                report.Section("Proxmox API");
                report.Skip("Authentication and permissions: the connection to the node must work first.");
                report.Verdict();
                return ExitCodes.Failed;
            }
        }

        await CheckApiAsync(settings, presentedFingerprint, report, cancellationToken);
        report.Verdict();
        return report.Failures > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static bool CheckConfiguration(ServerSettings settings, CheckReport report)
    {
        report.Section("Configuration");
        report.Info("Settings from: " + string.Join(", ", settings.Sources) + ".");
        var problems = settings.Problems.ToList();
        if (!settings.Simulate)
        {
            problems.AddRange(settings.Proxmox.Validate());
        }

        problems.AddRange(ToolSelection.UnknownNames(ToolCatalog.All, settings)
            .Select(n => $"'{n}' in {SettingNames.Tools}/{SettingNames.ExcludeTools} is neither a tool, a toolset nor a profile ({ToolSelection.Vocabulary})."));
        foreach (var problem in problems)
        {
            report.Fail(problem);
        }

        if (problems.Count > 0)
        {
            return false;
        }

        var options = settings.Proxmox;
        if (settings.Simulate)
        {
            report.Warn($"{SettingNames.Simulate}=true: this server serves a SIMULATED cluster (demo data), not your Proxmox.");
        }
        else
        {
            report.Ok($"Proxmox VE API {options.BaseAddress} as {Credentials(options)}.");
            report.Add(
                options.Fingerprint is not null || options.CaFile is not null ? CheckStatus.Ok : !options.VerifySsl ? CheckStatus.Warning : CheckStatus.Info,
                options.Fingerprint is not null ? $"Node certificate: pinned by {SettingNames.Fingerprint}."
                : !options.VerifySsl ? $"Node certificate: NOT verified ({SettingNames.VerifySsl}=false). Pin it with {SettingNames.Fingerprint} instead (the check below shows the value)."
                : options.CaFile is not null ? $"Node certificate: must chain to {SettingNames.CaFile} {options.CaFile}."
                : $"Node certificate: must chain to this machine's trust store (Proxmox's own CA is not in it: pin with {SettingNames.Fingerprint} or set {SettingNames.CaFile}).");
            if (options.AuthMode == ProxmoxAuthMode.Password)
            {
                report.Info("Password login: tickets are renewed automatically; an API token is simpler to restrict (see docs/TROUBLESHOOTING.md).");
            }
        }

        var tools = ToolSelection.Apply(ToolCatalog.All, settings);
        report.Add(
            tools.Count == 0 ? CheckStatus.Failed : CheckStatus.Ok,
            tools.Count == 0
                ? $"No tools are offered: {SettingNames.Tools}/{SettingNames.ExcludeTools}/{SettingNames.ReadOnly} leave nothing."
                : $"Offers {tools.Count} tools in {tools.Select(t => t.Group).Distinct().Count()} groups{(settings.ReadOnly ? " (read-only mode)" : "")}.");
        return tools.Count > 0;
    }

    private static string Credentials(ProxmoxOptions options) => options.AuthMode switch
    {
        ProxmoxAuthMode.Token => $"API token {options.FullTokenId} (secret set, not shown)",
        ProxmoxAuthMode.Password => $"user {options.UserId} with a password (not shown)",
        _ => "(no credentials)",
    };

    private static async Task CheckApiAsync(ServerSettings settings, string? presentedFingerprint, CheckReport report, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection().AddProxmoxBackend(settings.Clusters[0]).BuildServiceProvider();
        await using (services)
        {
            var proxmox = services.GetRequiredService<ProxmoxClient>();
            var options = services.GetRequiredService<ProxmoxOptions>();
            var translator = services.GetRequiredService<ProxmoxErrorTranslator>();
            report.Section("Proxmox API");
            PveVersion version;
            try
            {
                version = await proxmox.GetVersionAsync(cancellationToken);
            }
            catch (Exception e) when (IsProxmoxFailure(e))
            {
                report.Fail(await translator.DescribeAsync(e, null, cancellationToken) ?? e.Message);
                return;
            }

            report.Ok($"Authenticated as {(options.AuthMode == ProxmoxAuthMode.Token ? options.FullTokenId : options.UserId)}: Proxmox VE {version.Version ?? "?"}" +
                (version.Release is { } release ? $" (release {release})" : "") + (settings.Simulate ? ", simulated" : "") + ".");
            if (version.Version is { } text && Version.TryParse(text.Split('-')[0], out var parsed) && parsed < new Version(8, 0))
            {
                report.Warn($"Proxmox VE {text} is older than this server supports (8.4 and 9.x); some tools may fail.");
            }

            await ReportVisibilityAsync(proxmox, translator, presentedFingerprint, report, cancellationToken);

            report.Section("Permissions (GET /access/permissions: what these credentials may do)");
            try
            {
                var permissions = await ReadPermissionsAsync(services.GetRequiredService<ProxmoxHttp>(), cancellationToken);
                var groups = ToolSelection.Apply(ToolCatalog.All, settings).Select(t => t.Group).Distinct(StringComparer.Ordinal).ToList();
                PermissionCheck.Report(permissions, groups, settings.ReadOnly, options, report);
            }
            catch (Exception e) when (IsProxmoxFailure(e))
            {
                report.Warn("Could not read the permissions: " + (await translator.DescribeAsync(e, null, cancellationToken) ?? e.Message));
            }
        }
    }

    private static async Task ReportVisibilityAsync(
        ProxmoxClient proxmox, ProxmoxErrorTranslator translator, string? presentedFingerprint, CheckReport report, CancellationToken cancellationToken)
    {
        try
        {
            var nodes = await proxmox.GetNodesAsync(cancellationToken);
            var guests = await proxmox.GetClusterResourcesAsync(ClusterResourceType.Vm, cancellationToken);
            var vms = guests.Count(g => g.Type == "qemu");
            var containers = guests.Count(g => g.Type == "lxc");
            var offline = nodes.Where(n => n.Status is { } s && s != "online").Select(n => n.Node).ToList();
            report.Ok($"Sees {nodes.Count} node{(nodes.Count == 1 ? "" : "s")} ({string.Join(", ", nodes.Select(n => n.Node).Order(StringComparer.Ordinal))}) " +
                $"and {guests.Count} guest{(guests.Count == 1 ? "" : "s")} ({vms} VMs, {containers} containers).");
            if (offline.Count > 0)
            {
                report.Warn($"Not online: {string.Join(", ", offline)}. Tools acting on guests there will fail with HTTP 595 until the node is back.");
            }

            if (guests.Count == 0)
            {
                report.Info("No guests visible: if the cluster has VMs or containers, these credentials lack VM.Audit on them (see Permissions below).");
            }

            if (presentedFingerprint is not null && nodes.FirstOrDefault(n => string.Equals(n.SslFingerprint, presentedFingerprint, StringComparison.OrdinalIgnoreCase)) is { } self)
            {
                report.Info($"The certificate presented is node {self.Node}'s own (GET /nodes ssl_fingerprint).");
            }
        }
        catch (Exception e) when (IsProxmoxFailure(e))
        {
            report.Warn("Could not list nodes and guests: " + (await translator.DescribeAsync(e, null, cancellationToken) ?? e.Message));
        }
    }

    /// <summary>
    /// GET /access/permissions, read here rather than with ProxmoxClient.GetPermissionsAsync: the client's JSON context
    /// applies its lenient string converter to dictionary keys, which System.Text.Json refuses (NotSupportedException).
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, Dictionary<string, long>>> ReadPermissionsAsync(ProxmoxHttp http, CancellationToken cancellationToken)
    {
        // GET /access/permissions
        using var response = await http.SendAsync(HttpMethod.Get, PvePath.Of($"/access/permissions"), null, cancellationToken);
        var result = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        if (response.Data.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        foreach (var path in response.Data.EnumerateObject())
        {
            var privileges = new Dictionary<string, long>(StringComparer.Ordinal);
            if (path.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var privilege in path.Value.EnumerateObject())
                {
                    privileges[privilege.Name] = privilege.Value.ValueKind switch
                    {
                        JsonValueKind.Number when privilege.Value.TryGetInt64(out var n) => n,
                        JsonValueKind.True => 1,
                        JsonValueKind.String when privilege.Value.GetString() is "1" or "true" => 1,
                        _ => 0,
                    };
                }
            }

            result[path.Name] = privileges;
        }

        return result;
    }

    private static bool IsProxmoxFailure(Exception e) =>
        e is ProxmoxApiException or ProxmoxArgumentException or HttpRequestException or TimeoutRejectedException;
}
