using ProxmoxMcp.Server.Clusters;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Tests.Support;
using ProxmoxMcp.Server.Tools.Infrastructure;
using ProxmoxMcp.Server.Tools;

namespace ProxmoxMcp.Server.Tests.Conventions;

/// <summary>
/// Each tool's [PveEndpoint] declarations (shown in docs/API_REFERENCE.md) match what it really sends: every tool is
/// called once with plausible arguments against the simulator, and each request it caused must fit one of its
/// declared routes.
/// </summary>
public class PveEndpointDeclarationTests
{
    /// <summary>Plausible values for required arguments; a new tool whose required argument is not here fails with its name.</summary>
    private static readonly Dictionary<string, object> Plausible = new(StringComparer.Ordinal)
    {
        ["vmid"] = 100, ["node"] = "pve1", ["snapname"] = "before-update", ["poolid"] = "production", ["storage"] = "local",
        ["target"] = "pve2", ["volume"] = "local:iso/debian-12.11.0-amd64-netinst.iso", ["disk"] = "scsi0", ["size"] = "+1G",
        ["archive"] = "nfs-backup:backup/vzdump-qemu-100-2025_01_01-02_00_00.vma.zst",
        ["ostemplate"] = "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst",
        ["upid"] = "UPID:pve1:00001234:00ABCDEF:6700AA00:qmstart:100:root@pam:",
        ["command"] = new[] { "uptime" }, ["path"] = "/etc/os-release", ["template"] = 9000, ["hostname"] = "ct-new",
    };

    public static TheoryData<string> DeclaringTools() =>
        [.. ToolCatalog.All.Where(t => t.Tool.Metadata.OfType<PveEndpointAttribute>().Any()).Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(DeclaringTools))]
    public async Task Tool_SendsOnlyRequestsItDeclares(string name)
    {
        // list_clusters is offered only with more than one cluster; it reaches the default one (this simulator) too.
        await using var server = await SimulatedServer.StartAsync(s => TwoClusters.AddLabIf(name == ClusterArgument.ListToolName, s with { GuestExec = GuestExecMode.AllowList, GuestExecAllow = ["uptime"] }));
        var tool = ToolCatalog.All.Single(t => t.Name == name);
        var declared = tool.Tool.Metadata.OfType<PveEndpointAttribute>().Select(e => e.Route).ToList();
        var schema = tool.Tool.ProtocolTool.InputSchema;
        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()!).ToList() : [];
        var missing = required.Where(a => !Plausible.ContainsKey(a)).ToList();
        Assert.True(missing.Count == 0, $"{name}: add a plausible value for {string.Join(", ", missing)} to {nameof(Plausible)}");
        var before = server.Cluster.Requests.TotalCount;

        await server.CallAsync(name, required.ToDictionary(a => a, a => Plausible[a]));

        var undeclared = server.Cluster.Requests.Entries.Skip((int)before)
            .Select(e => $"{e.Method} {Relative(e.Path)}")
            .Where(sent => !declared.Any(route => Fits(route, sent)))
            .Distinct()
            .ToList();
        Assert.True(undeclared.Count == 0, $"{name} sent {string.Join("; ", undeclared)}, which none of its [PveEndpoint] routes ({string.Join("; ", declared)}) covers");
    }

    private static string Relative(string path)
    {
        var p = path.Split('?')[0];
        return p.StartsWith("/api2/json", StringComparison.Ordinal) ? p["/api2/json".Length..] : p;
    }

    private static bool Fits(string route, string sent)
    {
        var (routeMethod, routePath) = Split(route.Split('?')[0]);
        var (sentMethod, sentPath) = Split(sent);
        var template = routePath.Split('/');
        var actual = sentPath.Split('/');
        if (routeMethod != sentMethod || template.Length != actual.Length)
        {
            return false;
        }

        return template.Zip(actual).All(p => p.First == p.Second
            || (p.First.StartsWith('{') && p.First.Contains('|', StringComparison.Ordinal) && p.First.Trim('{', '}').Split('|').Contains(p.Second))
            || (p.First.StartsWith('{') && !p.First.Contains('|', StringComparison.Ordinal)));
    }

    private static (string Method, string Path) Split(string route)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        return (route[..space], route[(space + 1)..]);
    }
}
