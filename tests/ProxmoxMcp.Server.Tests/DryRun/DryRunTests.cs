using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Proxmox.Recording;
using ProxmoxMcp.Server.Audit;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Tests.Support;
using ProxmoxMcp.Server.Tools;
using ProxmoxMcp.Simulator;

namespace ProxmoxMcp.Server.Tests.DryRun;

/// <summary>
/// dry_run=true on every write tool of the catalog: nothing but GETs reaches the simulator, and the preview is the
/// request the same call sends when run for real (method, path and parameters, secrets masked on both sides).
/// </summary>
public partial class DryRunTests
{
    private const string Iso = "local:iso/debian-12.11.0-amd64-netinst.iso";

    /// <summary>Arguments that make each write tool send a write on the demo estate; a new write tool fails until it is listed.</summary>
    private static readonly Dictionary<string, Case> Cases = new(StringComparer.Ordinal)
    {
        ["create_vm"] = new(new() { ["node"] = "pve1", ["name"] = "dry" }),
        ["delete_vm"] = new(new() { ["vmid"] = 106 }),
        ["clone_vm"] = new(new() { ["vmid"] = 9000, ["name"] = "dry-clone" }),
        ["migrate_vm"] = new(new() { ["vmid"] = 106, ["target"] = "pve2" }),
        ["convert_vm_to_template"] = new(new() { ["vmid"] = 106 }),
        ["start_vm"] = new(new() { ["vmid"] = 106 }),
        ["stop_vm"] = new(new() { ["vmid"] = 100 }),
        ["shutdown_vm"] = new(new() { ["vmid"] = 100 }),
        ["reboot_vm"] = new(new() { ["vmid"] = 100 }),
        ["reset_vm"] = new(new() { ["vmid"] = 100 }),
        ["suspend_vm"] = new(new() { ["vmid"] = 100 }),
        ["resume_vm"] = new(new() { ["vmid"] = 104 }),
        ["update_vm"] = new(new() { ["vmid"] = 100, ["cores"] = 4, ["description"] = "web, 4 cores" }),
        ["resize_vm_disk"] = new(new() { ["vmid"] = 100, ["disk"] = "scsi0", ["size"] = "+1G" }),
        ["create_container"] = new(new() { ["node"] = "pve1", ["ostemplate"] = "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst", ["hostname"] = "dry" }),
        ["delete_container"] = new(new() { ["vmid"] = 204 }),
        ["clone_container"] = new(new() { ["vmid"] = 204 }),
        ["migrate_container"] = new(new() { ["vmid"] = 204, ["target"] = "pve2" }),
        ["convert_container_to_template"] = new(new() { ["vmid"] = 204 }),
        ["start_container"] = new(new() { ["vmid"] = 204 }),
        ["stop_container"] = new(new() { ["vmid"] = 200 }),
        ["shutdown_container"] = new(new() { ["vmid"] = 200 }),
        ["reboot_container"] = new(new() { ["vmid"] = 200 }),
        ["update_container"] = new(new() { ["vmid"] = 200, ["cores"] = 2 }),
        ["resize_container_disk"] = new(new() { ["vmid"] = 200, ["disk"] = "rootfs", ["size"] = "+1G" }),
        ["delete_volume"] = new(new() { ["volume"] = Iso, ["node"] = "pve1" }),
        ["create_snapshot"] = new(new() { ["vmid"] = 100, ["snapname"] = "dry" }),
        ["delete_snapshot"] = new(new() { ["vmid"] = 100, ["snapname"] = "pre-upgrade" }),
        ["rollback_snapshot"] = new(new() { ["vmid"] = 100, ["snapname"] = "before-php84" }),
        ["create_backup"] = new(new() { ["vmid"] = 100, ["storage"] = "local" }),
        ["restore_backup"] = new(new() { ["vmid"] = 150, ["node"] = "pve1", ["storage"] = "local-lvm" }, Setup: NewestBackupOfVm100Async),
        ["stop_task"] = new([], Setup: RunningTaskAsync, LongTasks: true),
        ["create_pool"] = new(new() { ["poolid"] = "dry", ["comment"] = "preview" }),
        ["update_pool"] = new(new() { ["poolid"] = "lab", ["comment"] = "Lab" }),
        ["delete_pool"] = new(new() { ["poolid"] = "scratch" }, Setup: EmptyPoolAsync),
        ["run_guest_command"] = new(new() { ["vmid"] = 100, ["command"] = new[] { "uptime" } }),
        ["provision_vm"] = new(new() { ["template"] = 9000, ["name"] = "dry-web", ["ip"] = "dhcp", ["start"] = false }),
        ["provision_container"] = new(new() { ["node"] = "pve2", ["ostemplate"] = "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst", ["hostname"] = "dry-ct", ["start"] = false }),
        ["set_cloud_init"] = new(new() { ["vmid"] = 106, ["ciuser"] = "ops", ["ip"] = "dhcp" }),
        ["call_api_write"] = new(new() { ["method"] = "PUT", ["path"] = "/nodes/pve1/qemu/106/config", ["params"] = new Dictionary<string, object> { ["cipassword"] = "hunter2", ["cores"] = 2 } }),
    };

    public static TheoryData<string> WriteTools() => [.. ToolCatalog.All.Where(t => !t.IsReadOnly).Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(WriteTools))]
    public async Task DryRun_SendsNoWrite_AndPreviewsTheFirstWriteOfTheRealRun(string tool)
    {
        Assert.True(Cases.TryGetValue(tool, out var test), $"{tool} is a write tool: add arguments that make it write to {nameof(Cases)}");
        await using var server = await SimulatedServer.StartAsync(
            s => s with { Confirmation = ConfirmationMode.Argument, GuestExec = GuestExecMode.AllowList, GuestExecAllow = ["uptime"] },
            new SimulatorOptions { TaskDuration = test.LongTasks ? TimeSpan.FromMinutes(2) : TimeSpan.FromMilliseconds(100) });
        var arguments = new Dictionary<string, object>(test.Arguments);
        foreach (var (name, value) in test.Setup is null ? [] : await test.Setup(server))
        {
            arguments[name] = value;
        }

        var before = server.Cluster.Requests.TotalCount;
        var preview = await server.CallAsync(tool, new Dictionary<string, object>(arguments) { ["dry_run"] = true });

        Assert.Empty(Writes(server, before));
        var text = preview.AssertError("Dry run of " + tool + ": nothing was sent").Text();
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        var would = WouldSend().Match(text);
        Assert.True(would.Success, "no 'Would send:' line in: " + text);
        if (ConfirmTarget().Match(text) is { Success: true } confirm)
        {
            arguments["confirm"] = confirm.Groups[1].Value;
        }

        if (ToolCatalog.All.Single(t => t.Name == tool).Tool.ProtocolTool.InputSchema.GetProperty("properties").TryGetProperty("wait", out _))
        {
            arguments["wait"] = false;
        }

        var beforeReal = server.Cluster.Requests.TotalCount;
        await server.CallAsync(tool, arguments);

        var sent = Writes(server, beforeReal).FirstOrDefault();
        Assert.True(sent is not null, $"{tool} sent no write when run for real; its preview was: {text}");
        var pairs = SecretParameters.Redact(sent.Method is "GET" or "DELETE" ? sent.Query : sent.JsonBody is { } json ? JsonPairs(json) : sent.Body);
        var actual = $"{sent.Method} {sent.Path}" + (AuditArguments.FromPairs(pairs) is { } o ? " " + o.ToJsonString(Relaxed) : "");
        Assert.Equal(would.Groups[1].Value, actual);
    }

    /// <summary>A JSON body (run_guest_command's) as the pairs a form would carry: an array is its items under one name.</summary>
    private static List<KeyValuePair<string, string>> JsonPairs(string json) =>
        [.. JsonNode.Parse(json)!.AsObject().SelectMany(p => p.Value is JsonArray items
            ? items.Select(i => new KeyValuePair<string, string>(p.Key, i!.ToString()))
            : [new KeyValuePair<string, string>(p.Key, p.Value!.ToString())])];

    [Fact]
    public async Task DryRun_WithAClientThatCanAskTheUser_AsksNobodyAndNamesTheConfirmANeededForReal()
    {
        var asked = 0;
        var client = new McpClientOptions
        {
            Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability() },
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = (_, _) =>
                {
                    Interlocked.Increment(ref asked);
                    return ValueTask.FromResult(new ElicitResult { Action = "accept", Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(true) } });
                },
            },
        };
        await using var server = await SimulatedServer.StartAsync(clientOptions: client);

        var result = await server.CallAsync("delete_vm", new { vmid = 106, dry_run = true });

        result.AssertError("Would send: DELETE /nodes/pve1/qemu/106").AssertError("confirm=\"106\"").AssertError("Expected change: Destroy the VM");
        Assert.Equal(0, asked);
        Assert.Empty(Writes(server, 0));
        Assert.Contains(106, server.Cluster.Vmids);
    }

    [Fact]
    public async Task DryRun_ShowsTheStateItChecked()
    {
        await using var server = await SimulatedServer.StartAsync();

        var text = (await server.CallAsync("start_vm", new { vmid = 106, dry_run = true })).Text();

        Assert.Contains("Checked: GET /cluster/resources?type=vm ->", text, StringComparison.Ordinal);
        Assert.Contains("Would send: POST /nodes/pve1/qemu/106/status/start", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRunArgument_OnAReadOnlyTool_IsRefusedByName()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("get_vm", new { vmid = 100, dry_run = true })).AssertError("'dry_run' is not an argument of this tool");
    }

    [Fact]
    public void Catalog_GivesEveryWriteToolAndNoReadToolTheDryRunArgument()
    {
        foreach (var tool in ToolCatalog.All)
        {
            var has = tool.Tool.ProtocolTool.InputSchema.GetProperty("properties").TryGetProperty("dry_run", out var property);
            Assert.True(has == !tool.IsReadOnly, $"{tool.Name}: dry_run {(has ? "offered on a read-only tool" : "missing")}");
            Assert.True(!has || property.GetProperty("type").GetString() == "boolean", tool.Name);
        }
    }

    private static List<RequestLogEntry> Writes(SimulatedServer server, long after) =>
        [.. server.Cluster.Requests.Entries.Where(e => e.Sequence > after && e.Method != "GET")];

    private static async Task<Dictionary<string, object>> NewestBackupOfVm100Async(SimulatedServer server)
    {
        var text = (await server.CallAsync("get_backups", new { vmid = 100 })).AssertSuccess().Text();
        return new() { ["archive"] = BackupVolume().Match(text).Value };
    }

    private static async Task<Dictionary<string, object>> RunningTaskAsync(SimulatedServer server)
    {
        var started = (await server.CallAsync("start_vm", new { vmid = 106, wait = false })).AssertSuccess();
        return new() { ["upid"] = started.Structured().GetProperty("upid").GetString()! };
    }

    private static async Task<Dictionary<string, object>> EmptyPoolAsync(SimulatedServer server)
    {
        (await server.CallAsync("create_pool", new { poolid = "scratch" })).AssertSuccess();
        return [];
    }

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [GeneratedRegex(@"^Would send: (.+)$", RegexOptions.Multiline)]
    private static partial Regex WouldSend();

    [GeneratedRegex(@"confirm=""([^""]+)""")]
    private static partial Regex ConfirmTarget();

    [GeneratedRegex(@"nfs-backup:backup/vzdump-qemu-100-\S+\.vma\.zst")]
    private static partial Regex BackupVolume();

    private sealed record Case(Dictionary<string, object> Arguments, Func<SimulatedServer, Task<Dictionary<string, object>>>? Setup = null, bool LongTasks = false);
}
