using System.Text.Json;
using ProxmoxMcp.Server.Tests.Conventions;
using ProxmoxMcp.Server.Tests.Support;

namespace ProxmoxMcp.Server.Tests.Backups;

// Demo estate backups: local@pve1 holds VM 100 and container 200 (two days ago); the shared nfs-backup holds VMs 100, 101
// (protected) and container 201 (yesterday). Running: 100 (pve1), 102 (pve2), 200 (pve1); stopped: 103 (pve2), 106 (pve1), 204 (pve1).
public class BackupToolsTests
{
    [Fact]
    public async Task GetBackups_WithoutStorage_SearchesEveryBackupStorageNewestFirst()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("get_backups")).AssertSuccess();

        var data = result.Structured();
        var backups = Backups(data);
        Assert.Equal(5, backups.Count);
        Assert.Equal(["local on pve1", "local on pve2", "local on pve3", "nfs-backup (shared)"], data.GetProperty("searched").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(backups.Select(b => b.GetProperty("ctime").GetInt64()).OrderDescending(), backups.Select(b => b.GetProperty("ctime").GetInt64()));
        Assert.Contains(backups, b => b.GetProperty("storage").GetString() == "local" && b.GetProperty("node").GetString() == "pve1");
        Assert.Contains(backups, b => b.GetProperty("vmid").GetInt32() == 201 && b.GetProperty("guest_type").GetString() == "container");
        Assert.Contains(backups, b => b.GetProperty("vmid").GetInt32() == 101 && b.GetProperty("protected").GetBoolean());
        Assert.Contains("notes: db01 weekly", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBackups_ByVmid_ShowsThatGuestsBackupsOnAllStorages()
    {
        await using var server = await SimulatedServer.StartAsync();

        var backups = Backups((await server.CallAsync("get_backups", new { vmid = 100 })).AssertSuccess().Structured());

        Assert.Equal(["nfs-backup", "local"], backups.Select(b => b.GetProperty("storage").GetString()));
        Assert.All(backups, b => Assert.Equal("vm", b.GetProperty("guest_type").GetString()));
    }

    [Fact]
    public async Task GetBackups_ByNode_ReadsThatNodesLocalAndSharedStorages()
    {
        await using var server = await SimulatedServer.StartAsync();

        var data = (await server.CallAsync("get_backups", new { node = "pve2" })).AssertSuccess().Structured();

        Assert.Equal(["local on pve2", "nfs-backup (shared)"], data.GetProperty("searched").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(3, Backups(data).Count);
    }

    [Fact]
    public async Task GetBackups_OfStorageWithoutBackups_SaysWhichStoragesHoldThem()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("get_backups", new { storage = "local-lvm" });

        result.AssertError("Storage local-lvm does not hold backups");
    }

    [Fact]
    public async Task GetBackups_Paged_ReturnsTheRequestedSlice()
    {
        await using var server = await SimulatedServer.StartAsync();

        var data = (await server.CallCheckedAsync("get_backups", new { offset = 1, limit = 2 })).AssertSuccess().Structured();

        Assert.Equal(2, Backups(data).Count);
        Assert.Equal(5, data.GetProperty("page").GetProperty("total").GetInt32());
        Assert.Equal(3, data.GetProperty("page").GetProperty("next_offset").GetInt32());
    }

    [Fact]
    public async Task CreateBackup_WithoutStorage_ChoosesTheSharedStorageSaysSoAndReportsTheNewVolume()
    {
        await using var server = await SimulatedServer.StartAsync();
        var before = server.Cluster.GetVolumes("nfs-backup").Count(v => v.Vmid == 106);

        var result = (await server.CallCheckedAsync("create_backup", new { vmid = 106, notes = "before change" })).AssertSuccess();

        var data = result.Structured();
        Assert.Equal("completed", data.GetProperty("status").GetString());
        Assert.Equal("nfs-backup", data.GetProperty("storage").GetString());
        Assert.Contains("Storage nfs-backup: chosen automatically: a shared storage", result.Text(), StringComparison.Ordinal);
        var created = Assert.Single(data.GetProperty("created").EnumerateArray());
        Assert.StartsWith("nfs-backup:backup/vzdump-qemu-106-", created.GetProperty("volid").GetString(), StringComparison.Ordinal);
        Assert.Equal(before + 1, server.Cluster.GetVolumes("nfs-backup").Count(v => v.Vmid == 106));
        var listed = Backups((await server.CallAsync("get_backups", new { vmid = 106 })).Structured());
        Assert.Equal(created.GetProperty("volid").GetString(), listed[0].GetProperty("volid").GetString());
    }

    [Fact]
    public async Task CreateBackup_SendsModeCompressionAndNotesAsPveNamesThem()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("create_backup", new { vmid = 204, storage = "local", mode = "stop", compress = "gzip", notes = "{{guestname}} manual", @protected = true })).AssertSuccess();

        var post = server.Cluster.Requests.Entries.Single(e => e.Method == "POST" && e.Path == "/nodes/pve1/vzdump");
        var form = post.Body.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("204", form["vmid"]);
        Assert.Equal("local", form["storage"]);
        Assert.Equal("stop", form["mode"]);
        Assert.Equal("gzip", form["compress"]);
        Assert.Equal("{{guestname}} manual", form["notes-template"]);
        Assert.Equal("1", form["protected"]);
    }

    [Fact]
    public async Task CreateBackup_OfGuestsOnTwoNodes_RunsOneTaskPerNode()
    {
        await using var server = await SimulatedServer.StartAsync();

        var data = (await server.CallCheckedAsync("create_backup", new { vmids = new List<int> { 106, 103, 204 }, storage = "local" })).AssertSuccess().Structured();

        var tasks = data.GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal(["pve1", "pve2"], tasks.Select(t => t.GetProperty("node").GetString()));
        Assert.All(tasks, t => Assert.Equal("completed", t.GetProperty("status").GetString()));
        Assert.Equal([103, 106, 204], data.GetProperty("created").EnumerateArray().Select(c => c.GetProperty("vmid").GetInt32()).Order());
        Assert.Contains(server.Cluster.GetVolumes("local", "pve2"), v => v.Vmid == 103);
    }

    [Fact]
    public async Task CreateBackup_SendsProgressNotificationsWhileWaiting()
    {
        await using var server = await SimulatedServer.StartAsync(simulator: new() { TaskDuration = TimeSpan.FromSeconds(1.5) });
        var notifications = new List<ModelContextProtocol.ProgressNotificationValue>();
        var progress = new SynchronousProgress(notifications.Add);

        var result = await server.Client.CallToolAsync(
            "create_backup", new Dictionary<string, object?> { ["vmid"] = 106 }, progress, cancellationToken: TestContext.Current.CancellationToken);

        result.AssertSuccess();
        Assert.NotEmpty(notifications);
        Assert.Equal(notifications.Select(n => n.Progress).Order(), notifications.Select(n => n.Progress));
        Assert.Contains(notifications, n => n.Message?.Contains("vzdump 106 running", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task CreateBackup_WithoutGuest_SaysHowToNameThem()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("create_backup", new { storage = "local" });

        result.AssertError("Name the guest(s) to back up: vmid=100, or vmids=[100, 101]");
        Assert.Equal(0, server.Cluster.Requests.Count);
    }

    [Fact]
    public async Task CreateBackup_OfMissingGuest_SaysWhichIdsDoNotExist()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("create_backup", new { vmids = new List<int> { 100, 4242 } });

        result.AssertError("No VM or container with id 4242 exists");
        Assert.DoesNotContain(server.Cluster.Requests.Entries, e => e.Method == "POST");
    }

    [Fact]
    public async Task CreateBackup_ToStorageWithoutBackupContent_NamesTheStoragesThatCanTakeIt()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("create_backup", new { vmid = 106, storage = "local-lvm" });

        result.AssertError("Cannot back up to storage local-lvm: it does not accept backup content. Storages that can take it: local, nfs-backup.");
    }

    [Fact]
    public async Task CreateBackup_WithUnknownMode_ListsTheModes()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("create_backup", new { vmid = 106, mode = "live" });

        result.AssertError("mode 'live' is not one of: snapshot, suspend, stop");
    }

    [Fact]
    public async Task CreateBackup_WhenVzdumpFails_ReportsProxmoxsErrorAndTheLog()
    {
        await using var server = await SimulatedServer.StartAsync();
        server.Cluster.Faults.FailNextTask("vzdump", "job failed with err -5 - Input/output error");

        var result = await server.CallCheckedAsync("create_backup", new { vmid = 106 });

        result.AssertError("job failed with err -5 - Input/output error");
        Assert.Equal("failed", result.Structured().GetProperty("status").GetString());
        Assert.Empty(result.Structured().GetProperty("created").EnumerateArray());
    }

    [Fact]
    public async Task RestoreBackup_WithoutVmid_CreatesANewGuestOfTheArchivesKind()
    {
        await using var server = await SimulatedServer.StartAsync();
        var archive = server.Cluster.GetVolumes("nfs-backup").Single(v => v.Vmid == 201).Volid;
        var before = server.Cluster.Vmids.ToHashSet();

        var result = (await server.CallCheckedAsync("restore_backup", new { archive })).AssertSuccess();

        var created = Assert.Single(server.Cluster.Vmids, v => !before.Contains(v));
        Assert.True(server.Cluster.TryGetGuest(created, out var guest));
        Assert.Equal("lxc", guest.Type);
        Assert.Contains($"The restored container has id {created} on pve1.", result.Text(), StringComparison.Ordinal);
        Assert.Contains(server.Cluster.Requests.Entries, e => e.Method == "POST" && e.Path == "/nodes/pve1/lxc" && e.Body.Any(p => p.Key == "restore" && p.Value == "1"));
    }

    [Fact]
    public async Task RestoreBackup_ToNamedNodeAndStorage_SendsThem()
    {
        await using var server = await SimulatedServer.StartAsync();
        var archive = server.Cluster.GetVolumes("nfs-backup").First(v => v.Vmid == 100).Volid;

        (await server.CallAsync("restore_backup", new { archive, vmid = 150, node = "pve3", storage = "local-lvm", unique = true })).AssertSuccess();

        Assert.True(server.Cluster.TryGetGuest(150, out var guest));
        Assert.Equal(("qemu", "pve3"), (guest.Type, guest.Node));
        var post = server.Cluster.Requests.Entries.Single(e => e.Method == "POST" && e.Path == "/nodes/pve3/qemu");
        Assert.Contains(post.Body, p => p.Key == "archive" && p.Value == archive);
        Assert.Contains(post.Body, p => p.Key == "storage" && p.Value == "local-lvm");
        Assert.Contains(post.Body, p => p.Key == "unique" && p.Value == "1");
    }

    [Fact]
    public async Task RestoreBackup_OverExistingGuestWithoutForce_ExplainsTheChoices()
    {
        await using var server = await SimulatedServer.StartAsync();
        var archive = server.Cluster.GetVolumes("nfs-backup").First(v => v.Vmid == 100).Volid;

        var result = await server.CallAsync("restore_backup", new { archive, vmid = 106 });

        result.AssertError("VM 106 'test-vm' on pve1 already exists");
        Assert.Contains("force=true and confirm=\"106\"", result.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(server.Cluster.Requests.Entries, e => e.Method == "POST");
    }

    [Fact]
    public async Task RestoreBackup_OverRunningGuest_IsRefused()
    {
        await using var server = await SimulatedServer.StartAsync();
        var archive = server.Cluster.GetVolumes("nfs-backup").First(v => v.Vmid == 100).Volid;

        var result = await server.CallAsync("restore_backup", new { archive, vmid = 100, force = true, confirm = "100" });

        result.AssertError("VM 100 'web01' on pve1 is running: stop it first (shutdown_vm)");
        Assert.DoesNotContain(server.Cluster.Requests.Entries, e => e.Method == "POST");
    }

    [Fact]
    public async Task RestoreBackup_OverGuestOfOtherKind_IsRefused()
    {
        await using var server = await SimulatedServer.StartAsync();
        var archive = server.Cluster.GetVolumes("nfs-backup").First(v => v.Vmid == 100).Volid;

        var result = await server.CallAsync("restore_backup", new { archive, vmid = 204, force = true, confirm = "204" });

        result.AssertError("a VM cannot replace a container");
    }

    [Fact]
    public async Task RestoreBackup_OverStoppedGuestWithForce_AsksForConfirmationFirst()
    {
        await using var server = await SimulatedServer.StartAsync();
        var archive = server.Cluster.GetVolumes("nfs-backup").First(v => v.Vmid == 100).Volid;

        var unconfirmed = await server.CallAsync("restore_backup", new { archive, vmid = 106, force = true });
        var wrong = await server.CallAsync("restore_backup", new { archive, vmid = 106, force = true, confirm = "100" });
        var confirmed = await server.CallCheckedAsync("restore_backup", new { archive, vmid = 106, force = true, confirm = "106" });

        unconfirmed.AssertError("Confirmation needed. This replaces VM 106 'test-vm' on pve1 with the backup");
        wrong.AssertError("confirm '100' does not match the target '106'");
        confirmed.AssertSuccess();
        var post = server.Cluster.Requests.Entries.Single(e => e.Method == "POST" && e.Path == "/nodes/pve1/qemu");
        Assert.Contains(post.Body, p => p.Key == "force" && p.Value == "1");
        Assert.True(server.Cluster.TryGetGuest(106, out var guest));
        Assert.Equal("web01", guest.Name);
    }

    [Theory]
    [InlineData("local:iso/debian-12.11.0-amd64-netinst.iso", "Cannot tell whether")]
    [InlineData("local:backup/../../etc/shadow", "is not a volume id")]
    [InlineData("vzdump-qemu-100.vma.zst", "is not a volume id")]
    public async Task RestoreBackup_WithUnusableArchive_IsRefusedBeforeAnyRequest(string archive, string expected)
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("restore_backup", new { archive });

        result.AssertError(expected);
        Assert.Equal(0, server.Cluster.Requests.Count);
    }

    [Fact]
    public async Task RestoreBackup_FromLocalStorageOnSeveralNodesWithoutNode_AsksForTheNode()
    {
        await using var server = await SimulatedServer.StartAsync();
        var archive = server.Cluster.GetVolumes("local", "pve1").First(v => v.Vmid == 100 && v.Content == "backup").Volid;

        var result = await server.CallAsync("restore_backup", new { archive });

        result.AssertError("Storage local is local to each of pve1, pve2, pve3: name the node that holds the archive");
    }

    private static List<JsonElement> Backups(JsonElement data) => data.GetProperty("backups").EnumerateArray().ToList();

    private sealed class SynchronousProgress(Action<ModelContextProtocol.ProgressNotificationValue> report) : IProgress<ModelContextProtocol.ProgressNotificationValue>
    {
        private readonly Lock gate = new();

        public void Report(ModelContextProtocol.ProgressNotificationValue value)
        {
            lock (gate)
            {
                report(value);
            }
        }
    }
}
