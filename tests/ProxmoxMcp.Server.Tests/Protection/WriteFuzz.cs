using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Server.Tests.Support;
using ProxmoxMcp.Server.Tools;
using ProxmoxMcp.Simulator;

namespace ProxmoxMcp.Server.Tests.Protection;

/// <summary>A guest of the demo estate the fuzz aims at: its id, kind, node, snapshots, disks and backups.</summary>
internal sealed record FuzzTarget(int VmId, string Kind, string Node, IReadOnlyList<string> Snapshots, IReadOnlyList<string> Disks, IReadOnlyList<string> Backups)
{
    private static readonly string[] Storages = ["local", "local-lvm", "nfs-backup"];

    public static FuzzTarget Of(SimulatedCluster cluster, int vmid)
    {
        Assert.True(cluster.TryGetGuest(vmid, out var guest));
        var volumes = Storages.SelectMany(s => cluster.GetVolumes(s)).Where(v => v.Vmid == vmid).ToList();
        return new FuzzTarget(
            vmid, guest.Type, guest.Node, guest.Snapshots,
            volumes.Where(v => v.Content is "images" or "rootdir").Select(v => v.Volid).Distinct().ToList(),
            volumes.Where(v => v.Content == "backup").Select(v => v.Volid).Distinct().ToList());
    }
}

/// <summary>
/// Calls every write tool of the catalog (readOnlyHint=false) with many argument combinations aimed at some guests,
/// confirm always matching (the model's word is taken: --confirm argument), and judges the simulator's request log
/// with rules written independently of the server's own classification.
/// </summary>
internal static partial class WriteFuzz
{
    public static IReadOnlyList<string> WriteTools { get; } =
        [.. ToolCatalog.All.Where(t => t.Tool.ProtocolTool.Annotations?.ReadOnlyHint == false).Select(t => t.Name)];

    /// <summary>Runs <paramref name="combinations"/> random argument sets per write tool and target; returns the tool results' texts.</summary>
    public static async Task<List<string>> RunAsync(SimulatedServer server, IReadOnlyList<FuzzTarget> targets, int combinations, int seed)
    {
        var random = new Random(seed);
        var texts = new List<string>();
        foreach (var target in targets)
        {
            foreach (var tool in WriteTools)
            {
                var schema = ToolCatalog.All.Single(t => t.Name == tool).Tool.ProtocolTool.InputSchema;
                for (var i = 0; i < combinations; i++)
                {
                    var arguments = Arguments(tool, schema, target, random);
                    CallToolResult result;
                    try
                    {
                        result = await server.CallAsync(tool, arguments);
                    }
                    catch (ModelContextProtocol.McpException e)
                    {
                        texts.Add($"{tool}: {e.Message}");
                        continue;
                    }

                    texts.Add($"{tool}: {result.Text()}");
                }
            }
        }

        return texts;
    }

    /// <summary>Writes that act destructively on <paramref name="target"/>: anything but start, resume, snapshot, clone from it and backup.</summary>
    public static bool IsDestructiveFor(RequestLogEntry e, FuzzTarget target) => Touches(e, target, harmlessCounts: false);

    /// <summary>Any write that acts on <paramref name="target"/>, harmless ones included.</summary>
    public static bool IsAnyWriteFor(RequestLogEntry e, FuzzTarget target) => Touches(e, target, harmlessCounts: true);

    private static bool Touches(RequestLogEntry e, FuzzTarget target, bool harmlessCounts)
    {
        if (e.Method == "GET")
        {
            return false;
        }

        var id = target.VmId.ToString(CultureInfo.InvariantCulture);
        var parameters = e.Body.Concat(e.Query).ToList();
        bool Lists(string name) => parameters.Any(p => p.Key == name && p.Value.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries).Contains(id));

        if (GuestPath().Match(e.Path) is { Success: true } m && m.Groups["id"].Value == id)
        {
            var harmless = e.Method == "POST" && m.Groups["rest"].Value is "/status/start" or "/status/resume" or "/snapshot" or "/clone";
            return harmlessCounts || !harmless;
        }

        if (CreatePath().IsMatch(e.Path) && Lists("vmid"))
        {
            return true; // a create or restore with the id of an existing guest
        }

        if (Lists("newid") || Lists("target-vmid") || (e.Path.StartsWith("/pools", StringComparison.Ordinal) && Lists("vms")))
        {
            return true;
        }

        if (e.Method == "DELETE" && e.Path.Contains("/content/", StringComparison.Ordinal) && e.Path.Contains($"-{id}-", StringComparison.Ordinal))
        {
            return true;
        }

        if (NodeWide().Match(e.Path) is { Success: true } n && n.Groups["node"].Value == target.Node
            && (n.Groups["action"].Value != "status" || parameters.Any(p => p.Key == "command" && p.Value is "reboot" or "shutdown")))
        {
            return n.Groups["action"].Value != "startall" || harmlessCounts;
        }

        if (e.Path.StartsWith("/cluster/ha/resources", StringComparison.Ordinal)
            && (e.Path.EndsWith(":" + id, StringComparison.Ordinal) || e.Path.EndsWith("/" + id, StringComparison.Ordinal) || parameters.Any(p => p.Key == "sid" && p.Value.EndsWith(id, StringComparison.Ordinal))))
        {
            return true;
        }

        return harmlessCounts && e.Path.EndsWith("/vzdump", StringComparison.Ordinal) && Lists("vmid");
    }

    private static Dictionary<string, object?> Arguments(string tool, JsonElement schema, FuzzTarget t, Random random)
    {
        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToHashSet() : [];
        var arguments = new Dictionary<string, object?>();
        var request = Pick(random, ApiWrites(t));
        foreach (var property in schema.GetProperty("properties").EnumerateObject())
        {
            var type = property.Value.TryGetProperty("type", out var ty) && ty.ValueKind == JsonValueKind.String ? ty.GetString() : null;
            var choices = Candidates(tool, property.Name, type, t, request);
            var value = Pick(random, choices);
            if (value is null && required.Contains(property.Name))
            {
                value = choices.FirstOrDefault(c => c is not null) ?? "x";
            }

            if (value is not null)
            {
                arguments[property.Name] = value;
            }
        }

        return arguments;
    }

    private static object?[] Candidates(string tool, string name, string? type, FuzzTarget t, (string Method, string Path, Dictionary<string, object>? Params) request)
    {
        var snaps = t.Snapshots.Cast<object?>().Append("fuzz-snap").ToArray();
        var id = t.VmId.ToString(CultureInfo.InvariantCulture);
        return name switch
        {
            "vmid" when tool.StartsWith("create_", StringComparison.Ordinal) && tool != "create_snapshot" && tool != "create_backup" => [t.VmId, null],
            "vmid" => [t.VmId],
            "vmids" or "add_vmids" or "remove_vmids" => [new[] { t.VmId }, null],
            "node" => [null, t.Node, "pve2", "pve3"],
            "confirm" => [id, .. snaps, $"{request.Method} {request.Path}", .. t.Disks, .. t.Backups, null],
            "snapname" => snaps,
            "newid" => [null, 150, t.VmId],
            "target" => ["pve2", "pve3"],
            "disk" => t.Kind == "qemu" ? ["scsi0", "virtio0"] : ["rootfs", "mp0"],
            "size" => ["+1G", "64G"],
            "volume" => [.. t.Disks, .. t.Backups, "local:iso/debian-12.11.0-amd64-netinst.iso"],
            "archive" => t.Backups.Count > 0 ? [.. t.Backups] : ["nfs-backup:backup/vzdump-qemu-100-2025_01_01-02_00_00.vma.zst"],
            "poolid" => ["production", "lab"],
            "type" => [null, "vm", "container"],
            "upid" => ["UPID:pve1:00001234:00ABCDEF:6700AA00:qmstart:100:root@pam:"],
            "ostemplate" => ["local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst"],
            "template" => [t.VmId, 9000],
            "command" => [new[] { "uptime" }],
            "hostname" => ["fuzz-ct"],
            "ip" => [null, "dhcp"],
            "delete" => [new[] { "description" }, new[] { "protection" }, null],
            "config" => [new Dictionary<string, object> { ["description"] = "fuzz" }, new Dictionary<string, object> { ["tags"] = "fuzz" }, null],
            "method" => [request.Method],
            "path" => [request.Path],
            "params" => [request.Params],
            "wait" => [true, false],
            "force" or "force_stop" or "purge" or "start" or "full" or "online" or "restart" or "unique" => [null, true, false],
            _ => type switch
            {
                "boolean" => [null, true, false],
                "integer" => [null, 1, 2048],
                "number" => [null, 50],
                "array" => [null],
                _ => [null, "fuzz"],
            },
        };
    }

    /// <summary>call_api_write requests aimed at the guest: every destructive kind, in the path forms a model might write.</summary>
    private static List<(string Method, string Path, Dictionary<string, object>? Params)> ApiWrites(FuzzTarget t)
    {
        var g = $"/nodes/{t.Node}/{t.Kind}/{t.VmId}";
        var snap = t.Snapshots.Count > 0 ? t.Snapshots[0] : "fuzz-snap";
        var disk = t.Kind == "qemu" ? "scsi0" : "rootfs";
        var restore = t.Kind == "qemu"
            ? new Dictionary<string, object> { ["vmid"] = t.VmId, ["archive"] = First(t.Backups, "x"), ["force"] = 1 }
            : new Dictionary<string, object> { ["vmid"] = t.VmId, ["ostemplate"] = First(t.Backups, "x"), ["restore"] = 1, ["force"] = 1 };
        return
        [
            ("DELETE", g, null),
            ("DELETE", g, new() { ["purge"] = 1, ["skiplock"] = 1 }),
            ("POST", g + "/status/stop", null),
            ("POST", "/api2/json" + g + "/status/stop", null),
            ("POST", g.TrimStart('/') + "/status/shutdown", new() { ["forceStop"] = 1 }),
            ("POST", g + "/status/reboot", null),
            ("POST", g + "/status/suspend", null),
            ("PUT", g + "/config", new() { ["description"] = "fuzz" }),
            ("POST", g + "/config", new() { ["delete"] = "protection" }),
            ("POST", g + $"/snapshot/{snap}/rollback", new() { ["start"] = 1 }),
            ("DELETE", g + $"/snapshot/{snap}", null),
            ("PUT", g + "/resize", new() { ["disk"] = disk, ["size"] = "+1G" }),
            ("POST", g + "/migrate", new() { ["target"] = "pve2" }),
            ("POST", g + "/template", null),
            ("POST", $"/nodes/{t.Node}/{t.Kind}", restore),
            ("DELETE", $"/nodes/{t.Node}/storage/local-lvm/content/{First(t.Disks, $"local-lvm:vm-{t.VmId}-disk-0")}", null),
            ("DELETE", $"/nodes/{t.Node}/storage/nfs-backup/content/{First(t.Backups, "nfs-backup:backup/x")}", null),
            ("PUT", "/pools/production", new() { ["vms"] = t.VmId, ["delete"] = 1 }),
            ("PUT", "/pools", new() { ["poolid"] = "lab", ["vms"] = t.VmId, ["allow-move"] = 1 }),
            ("POST", $"/nodes/{t.Node}/stopall", null),
            ("POST", $"/nodes/{t.Node}/status", new() { ["command"] = "reboot" }),
            ("POST", "/cluster/ha/resources", new() { ["sid"] = $"{(t.Kind == "qemu" ? "vm" : "ct")}:{t.VmId}", ["state"] = "stopped" }),
            ("POST", g + "/status/start", null),
            ("POST", g + "/snapshot", new() { ["snapname"] = "fuzzapi" }),
        ];
    }

    private static string First(IReadOnlyList<string> items, string fallback) => items.Count > 0 ? items[0] : fallback;

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    [GeneratedRegex(@"^/nodes/[^/]+/(?:qemu|lxc)/(?<id>\d+)(?<rest>/.*)?$")]
    private static partial Regex GuestPath();

    [GeneratedRegex(@"^/nodes/[^/]+/(?:qemu|lxc)$")]
    private static partial Regex CreatePath();

    [GeneratedRegex(@"^/nodes/(?<node>[^/]+)/(?<action>stopall|suspendall|migrateall|startall|status)$")]
    private static partial Regex NodeWide();
}
