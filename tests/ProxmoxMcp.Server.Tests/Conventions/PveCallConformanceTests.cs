using ProxmoxMcp.Server.Tests.Support;

namespace ProxmoxMcp.Server.Tests.Conventions;

/// <summary>
/// Every request the storage, snapshot, backup, task and pool tools send in a session that uses all of them, checked
/// with tests/contract/pve-api/check_calls.py (PVE's own parameter verification) against the full official schema of
/// PVE 9 and of PVE 8.4, not only the simulator's subset.
/// </summary>
public class PveCallConformanceTests
{
    [Theory]
    [InlineData("pve-api-schema.json")]
    [InlineData("pve-api-schema-pve8.json")]
    public async Task RequestsOfAFullSession_PassProxmoxParameterVerification(string schema)
    {
        await using var server = await SimulatedServer.StartAsync();
        await RunSessionAsync(server);

        Assert.True(server.Cluster.Requests.Count > 60, $"only {server.Cluster.Requests.Count} requests recorded");
        await PveCallCheck.AssertRequestsPassAsync(server, schema);
    }

    private static async Task RunSessionAsync(SimulatedServer server)
    {
        async Task Ok(string tool, object? arguments = null) => (await server.CallAsync(tool, arguments)).AssertSuccess();

        await Ok("get_storages");
        await Ok("get_storages", new { node = "pve1", content = "iso" });
        await Ok("get_storage_content", new { storage = "nfs-backup", content = "backup", vmid = 100 });
        await Ok("get_storage_content", new { storage = "local", node = "pve2" });
        await Ok("delete_volume", new { volume = "local:iso/debian-12.11.0-amd64-netinst.iso", node = "pve1", confirm = "local:iso/debian-12.11.0-amd64-netinst.iso" });

        await Ok("get_snapshots", new { vmid = 100 });
        await Ok("create_snapshot", new { vmid = 100, snapname = "conform_vm", description = "with RAM", vmstate = true });
        await Ok("create_snapshot", new { vmid = 200, snapname = "conform_ct", description = "ct", type = "lxc" });
        await Ok("rollback_snapshot", new { vmid = 200, snapname = "before-update", start = false, confirm = "before-update" });
        await Ok("delete_snapshot", new { vmid = 100, snapname = "conform_vm", force = true, confirm = "conform_vm" });

        await Ok("get_backups");
        await Ok("get_backups", new { vmid = 100, node = "pve1", storage = "local" });
        await Ok("create_backup", new { vmids = new List<int> { 106, 103 }, storage = "local", mode = "suspend", compress = "lzo", notes = "{{guestname}}", @protected = true });
        await Ok("create_backup", new { vmid = 204, compress = "none" });
        var archive = server.Cluster.GetVolumes("nfs-backup").First(v => v.Vmid == 100).Volid;
        await Ok("restore_backup", new { archive, vmid = 170, node = "pve2", storage = "local-lvm", unique = true, start = true });
        await Ok("restore_backup", new { archive, vmid = 106, force = true, confirm = "106" });
        var ctArchive = server.Cluster.GetVolumes("nfs-backup").First(v => v.Vmid == 201).Volid;
        await Ok("restore_backup", new { archive = ctArchive });

        await Ok("get_tasks", new { vmid = 100, type = "vzdump", errors = true });
        await Ok("get_tasks", new { node = "pve1", vmid = 106, type = "vzdump", errors = true, offset = 1, limit = 5 });
        await Ok("get_tasks", new { node = "pve2", running = true });
        server.Cluster.Faults.SetTaskDuration(TimeSpan.FromMinutes(10), "qmsnapshot", 1);
        var running = (await server.CallAsync("create_snapshot", new { vmid = 102, snapname = "long", wait = false })).Structured().GetProperty("upid").GetString();
        await Ok("get_task_status", new { upid = running });
        await Ok("get_task_log", new { upid = running });
        await Ok("get_task_log", new { upid = running, start = 1, limit = 2 });
        await Ok("wait_for_task", new { upid = running, timeout = 1 });
        await Ok("stop_task", new { upid = running, confirm = "qmsnapshot:102" });

        await Ok("get_pools");
        await Ok("get_pool", new { poolid = "production" });
        await Ok("create_pool", new { poolid = "conform", comment = "test" });
        await Ok("create_pool", new { poolid = "conform/child" });
        await Ok("update_pool", new { poolid = "conform", add_vmids = new List<int> { 104 }, add_storages = new List<string> { "local" }, comment = "c", allow_move = true });
        await Ok("update_pool", new { poolid = "conform", remove_vmids = new List<int> { 104 }, remove_storages = new List<string> { "local" } });
        await Ok("delete_pool", new { poolid = "conform/child", confirm = "conform/child" });
        await Ok("delete_pool", new { poolid = "conform", confirm = "conform" });
    }
}
