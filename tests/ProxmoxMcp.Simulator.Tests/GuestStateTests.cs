namespace ProxmoxMcp.Simulator.Tests;

public class GuestStateTests
{
    [Fact]
    public async Task StartVm_StaysStoppedWhileTaskRuns_ThenRunning()
    {
        using var sim = new Sim();
        var upid = await sim.StartTask("POST", "/nodes/pve1/qemu/106/status/start");
        Assert.Equal("running", (string?)(await sim.TaskStatus(upid))["status"]);
        Assert.Equal("stopped", sim.Guest(106).Status);
        var done = await sim.Finish(upid);
        Assert.Equal("OK", (string?)done["exitstatus"]);
        Assert.Equal("running", sim.Guest(106).Status);
        var cur = (await sim.Get("/nodes/pve1/qemu/106/status/current")).Data!;
        Assert.Equal("running", (string?)cur["status"]);
        Assert.Equal("running", (string?)cur["qmpstatus"]);
    }

    [Fact]
    public async Task StartVm_WhenAlreadyRunning_TaskFailsWithPveMessage()
    {
        using var sim = new Sim();
        var upid = await sim.StartTask("POST", "/nodes/pve1/qemu/100/status/start");
        var st = await sim.Finish(upid);
        Assert.Equal("stopped", (string?)st["status"]);
        Assert.Equal("VM 100 already running", (string?)st["exitstatus"]);
        var log = (await sim.Get($"/nodes/pve1/tasks/{Uri.EscapeDataString(upid)}/log")).Data!.AsArray();
        Assert.Equal("TASK ERROR: VM 100 already running", (string?)log[^1]!["t"]);
    }

    [Fact]
    public async Task StopVm_WhenStopped_TaskSucceedsLikePve()
    {
        using var sim = new Sim();
        var st = await sim.Finish(await sim.StartTask("POST", "/nodes/pve1/qemu/106/status/stop"));
        Assert.Equal("OK", (string?)st["exitstatus"]);
        Assert.Equal("stopped", sim.Guest(106).Status);
    }

    [Fact]
    public async Task ShutdownVm_StopsIt()
    {
        using var sim = new Sim();
        await sim.RunOk("POST", "/nodes/pve1/qemu/100/status/shutdown");
        Assert.Equal("stopped", sim.Guest(100).Status);
    }

    [Fact]
    public async Task SuspendThenResume_GoesPausedThenRunning()
    {
        using var sim = new Sim();
        await sim.RunOk("POST", "/nodes/pve1/qemu/100/status/suspend");
        Assert.Equal("paused", sim.Guest(100).Status);
        var cur = (await sim.Get("/nodes/pve1/qemu/100/status/current")).Data!;
        Assert.Equal("running", (string?)cur["status"]);
        Assert.Equal("paused", (string?)cur["qmpstatus"]);
        var res = (await sim.Get("/cluster/resources", ("type", "vm"))).Data!.AsArray();
        Assert.Equal("paused", (string?)res.Single(x => (int)x!["vmid"]! == 100)!["status"]);
        await sim.RunOk("POST", "/nodes/pve1/qemu/100/status/resume");
        Assert.Equal("running", sim.Guest(100).Status);
    }

    [Fact]
    public async Task ShutdownPausedVm_Is500VmIsPaused()
    {
        using var sim = new Sim();
        var r = await sim.Post("/nodes/pve3/qemu/104/status/shutdown");
        Assert.Equal(500, r.Status);
        Assert.Equal("VM is paused - cannot shutdown", r.ReasonPhrase);
    }

    [Fact]
    public async Task RebootOrResetOfStoppedVm_Is500NotRunning()
    {
        using var sim = new Sim();
        Assert.Equal("VM 106 not running", (await sim.Post("/nodes/pve1/qemu/106/status/reboot")).ReasonPhrase);
        Assert.Equal("VM 106 not running", (await sim.Post("/nodes/pve1/qemu/106/status/reset")).ReasonPhrase);
        await sim.RunOk("POST", "/nodes/pve1/qemu/100/status/reboot");
        await sim.RunOk("POST", "/nodes/pve1/qemu/100/status/reset");
        Assert.Equal("running", sim.Guest(100).Status);
    }

    [Fact]
    public async Task StartTemplate_TaskFails()
    {
        using var sim = new Sim();
        var st = await sim.Finish(await sim.StartTask("POST", "/nodes/pve1/qemu/9000/status/start"));
        Assert.Equal("you can't start a vm if it's a template", (string?)st["exitstatus"]);
        var ct = await sim.Finish(await sim.StartTask("POST", "/nodes/pve2/lxc/9100/status/start"));
        Assert.Equal("you can't start a CT if it's a template", (string?)ct["exitstatus"]);
    }

    [Fact]
    public async Task Container_StartWhenRunning_Is500AndStopWhenStopped_Is500()
    {
        using var sim = new Sim();
        Assert.Equal("CT 200 already running", (await sim.Post("/nodes/pve1/lxc/200/status/start")).ReasonPhrase);
        Assert.Equal("CT 204 not running", (await sim.Post("/nodes/pve1/lxc/204/status/stop")).ReasonPhrase);
        await sim.RunOk("POST", "/nodes/pve1/lxc/204/status/start");
        Assert.Equal("running", sim.Guest(204).Status);
        await sim.RunOk("POST", "/nodes/pve1/lxc/204/status/shutdown");
        Assert.Equal("stopped", sim.Guest(204).Status);
    }

    [Fact]
    public async Task ProtectedGuest_CannotBeDeleted()
    {
        using var sim = new Sim();
        var r = await sim.Delete("/nodes/pve1/qemu/101");
        Assert.Equal(500, r.Status);
        Assert.Equal("can't remove VM 101 - protection mode enabled", r.ReasonPhrase);
    }

    [Fact]
    public async Task DeleteRunningVm_Is500()
    {
        using var sim = new Sim();
        Assert.Equal("VM 100 is running - destroy failed", (await sim.Delete("/nodes/pve1/qemu/100")).ReasonPhrase);
        Assert.Equal("unable to destroy CT 200 - container is running", (await sim.Delete("/nodes/pve1/lxc/200")).ReasonPhrase);
    }

    [Fact]
    public async Task DeleteStoppedVm_RemovesGuestDisksAndPoolMembership()
    {
        using var sim = new Sim();
        Assert.Contains(106, sim.Cluster.Pools["lab"]);
        await sim.RunOk("DELETE", "/nodes/pve1/qemu/106", ("purge", "1"), ("destroy-unreferenced-disks", "1"));
        Assert.False(sim.Cluster.TryGetGuest(106, out _));
        Assert.DoesNotContain(106, sim.Cluster.Pools["lab"]);
        Assert.DoesNotContain(sim.Cluster.GetVolumes("local-lvm", "pve1"), v => v.Vmid == 106);
        Assert.Equal(500, (await sim.Get("/nodes/pve1/qemu/106/config")).Status);
    }

    [Fact]
    public async Task LockedVm_SecondActionFailsWithVmIsLocked()
    {
        using var sim = new Sim();
        var backup = await sim.StartTask("POST", "/nodes/pve1/vzdump", ("vmid", "100"), ("storage", "local"), ("mode", "snapshot"));
        Assert.Equal("backup", sim.Guest(100).Lock);
        var migrate = await sim.Post("/nodes/pve1/qemu/100/migrate", ("target", "pve2"), ("online", "1"));
        Assert.Equal(500, migrate.Status);
        Assert.Equal("VM is locked (backup)", migrate.ReasonPhrase);
        var snap = await sim.StartTask("POST", "/nodes/pve1/qemu/100/snapshot", ("snapname", "during-backup"));
        var st = await sim.Finish(snap);
        Assert.Equal("VM is locked (backup)", (string?)st["exitstatus"]);
        Assert.Equal("OK", (string?)(await sim.TaskStatus(backup))["exitstatus"]);
        Assert.Null(sim.Guest(100).Lock);
        Assert.Equal("CT is locked (backup)", await LockedCtMessage(sim));
    }

    private static async Task<string> LockedCtMessage(Sim sim)
    {
        await sim.StartTask("POST", "/nodes/pve1/vzdump", ("vmid", "204"));
        return (await sim.Put("/nodes/pve1/lxc/204/config", ("cores", "2"))).ReasonPhrase;
    }

    [Fact]
    public async Task CloneTemplate_Linked_CreatesGuestWithBaseVolumeParent()
    {
        using var sim = new Sim();
        var upid = await sim.StartTask("POST", "/nodes/pve1/qemu/9000/clone", ("newid", "120"), ("name", "web02"), ("full", "0"), ("pool", "lab"));
        Assert.Equal("clone", sim.Guest(120).Lock);
        Assert.Equal("OK", (string?)(await sim.Finish(upid))["exitstatus"]);
        var g = sim.Guest(120);
        Assert.Null(g.Lock);
        Assert.Equal("web02", g.Name);
        Assert.False(g.Template);
        Assert.StartsWith("local-lvm:base-9000-disk-0/vm-120-disk-0,", g.Config["scsi0"]);
        Assert.Contains(120, sim.Cluster.Pools["lab"]);
        Assert.NotEqual(sim.Guest(9000).Config["net0"], g.Config["net0"]);
    }

    [Fact]
    public async Task CloneVm_Full_AllocatesNewDisk_AndLinkedCloneOfNonTemplateFails()
    {
        using var sim = new Sim();
        var linked = await sim.Post("/nodes/pve1/qemu/100/clone", ("newid", "121"), ("full", "0"));
        Assert.Equal(500, linked.Status);
        Assert.Equal("Linked clone feature is not supported for 'local-lvm:vm-100-disk-0' (scsi0)", linked.ReasonPhrase);
        await sim.RunOk("POST", "/nodes/pve1/qemu/100/clone", ("newid", "121"), ("full", "1"), ("storage", "local-lvm"), ("description", "copy"));
        var g = sim.Guest(121);
        Assert.StartsWith("local-lvm:vm-121-disk-0,", g.Config["scsi0"]);
        Assert.Equal("Copy-of-VM-web01", g.Name);
        Assert.Equal("copy", g.Config["description"]);
        Assert.Equal("stopped", g.Status);
        Assert.Equal("unable to create VM 121: config file already exists", (await sim.Post("/nodes/pve1/qemu/100/clone", ("newid", "121"))).ReasonPhrase);
    }

    [Fact]
    public async Task CloneToOtherNode_FromLocalStorage_Fails()
    {
        using var sim = new Sim();
        var r = await sim.Post("/nodes/pve1/qemu/9000/clone", ("newid", "122"), ("target", "pve2"));
        Assert.Equal("can't clone VM to node 'pve2' (VM uses local storage)", r.ReasonPhrase);
    }

    [Fact]
    public async Task MigrateRunningVm_NeedsOnline_ThenMovesWithLockDuringTask()
    {
        using var sim = new Sim();
        Assert.Equal("can't migrate running VM without --online", (await sim.Post("/nodes/pve1/qemu/100/migrate", ("target", "pve2"))).ReasonPhrase);
        var upid = await sim.StartTask("POST", "/nodes/pve1/qemu/100/migrate", ("target", "pve2"), ("online", "1"), ("with-local-disks", "1"));
        Assert.Equal("migrate", sim.Guest(100).Lock);
        var start = await sim.Finish(await sim.StartTask("POST", "/nodes/pve1/qemu/100/status/start"));
        Assert.Equal("VM is locked (migrate)", (string?)start["exitstatus"]);
        Assert.Equal("OK", (string?)(await sim.TaskStatus(upid))["exitstatus"]);
        var g = sim.Guest(100);
        Assert.Equal("pve2", g.Node);
        Assert.Equal("running", g.Status);
        Assert.Null(g.Lock);
        Assert.Equal(200, (await sim.Get("/nodes/pve2/qemu/100/status/current")).Status);
        Assert.Equal(500, (await sim.Get("/nodes/pve1/qemu/100/status/current")).Status);
    }

    [Fact]
    public async Task Migrate_ToSameOrUnknownNode_Fails()
    {
        using var sim = new Sim();
        var same = await sim.Post("/nodes/pve1/qemu/106/migrate", ("target", "pve1"));
        Assert.Equal(400, same.Status);
        Assert.Equal("target is local node.", (string?)same.Json!["errors"]!["target"]);
        Assert.Equal("no such cluster node 'pve7'", (await sim.Post("/nodes/pve1/qemu/106/migrate", ("target", "pve7"))).ReasonPhrase);
    }

    [Fact]
    public async Task MigrateRunningContainer_NeedsRestart()
    {
        using var sim = new Sim();
        Assert.Equal("can't migrate running container without --online or --restart", (await sim.Post("/nodes/pve1/lxc/200/migrate", ("target", "pve3"))).ReasonPhrase);
        await sim.RunOk("POST", "/nodes/pve1/lxc/200/migrate", ("target", "pve3"), ("restart", "1"));
        Assert.Equal("pve3", sim.Guest(200).Node);
        Assert.Equal("running", sim.Guest(200).Status);
    }

    [Fact]
    public async Task SnapshotList_HasChainAndCurrentPointingAtNewest()
    {
        using var sim = new Sim();
        var list = (await sim.Get("/nodes/pve1/qemu/100/snapshot")).Data!.AsArray();
        Assert.Equal(4, list.Count);
        var current = list.Single(x => (string?)x!["name"] == "current")!;
        Assert.Equal("before-php84", (string?)current["parent"]);
        Assert.Equal(1, (int)current["running"]!);
        Assert.Equal("post-upgrade", (string?)list.Single(x => (string?)x!["name"] == "before-php84")!["parent"]);
        Assert.Null(list.Single(x => (string?)x!["name"] == "pre-upgrade")!["parent"]);
    }

    [Fact]
    public async Task SnapshotCreateAndDelete_MaintainTheTree()
    {
        using var sim = new Sim();
        var upid = await sim.StartTask("POST", "/nodes/pve1/qemu/100/snapshot", ("snapname", "s4"), ("description", "fourth"), ("vmstate", "1"));
        Assert.Equal("snapshot", sim.Guest(100).Lock);
        await sim.Finish(upid);
        var g = sim.Guest(100);
        Assert.Equal("s4", g.SnapshotParent);
        Assert.Null(g.Lock);
        var cfg = (await sim.Get("/nodes/pve1/qemu/100/snapshot/s4/config")).Data!;
        Assert.Equal("before-php84", (string?)cfg["parent"]);
        Assert.Equal("fourth", (string?)cfg["description"]);

        await sim.RunOk("DELETE", "/nodes/pve1/qemu/100/snapshot/before-php84");
        cfg = (await sim.Get("/nodes/pve1/qemu/100/snapshot/s4/config")).Data!;
        Assert.Equal("post-upgrade", (string?)cfg["parent"]);
        var dup = await sim.Finish(await sim.StartTask("POST", "/nodes/pve1/qemu/100/snapshot", ("snapname", "s4")));
        Assert.Equal("snapshot name 's4' already used", (string?)dup["exitstatus"]);
        Assert.Equal("unable to use snapshot name 'current' (reserved name)", (await sim.Post("/nodes/pve1/qemu/100/snapshot", ("snapname", "current"))).ReasonPhrase);
        var missing = await sim.Finish(await sim.StartTask("DELETE", "/nodes/pve1/qemu/100/snapshot/nope"));
        Assert.Equal("snapshot 'nope' does not exist", (string?)missing["exitstatus"]);
    }

    [Fact]
    public async Task Rollback_RestoresSnapshotConfigAndState()
    {
        using var sim = new Sim();
        Assert.Equal("2", sim.Guest(100).Config["cores"]);
        await sim.RunOk("POST", "/nodes/pve1/qemu/100/snapshot/pre-upgrade/rollback");
        var g = sim.Guest(100);
        Assert.Equal("1", g.Config["cores"]);
        Assert.Equal("stopped", g.Status);
        Assert.Equal("pre-upgrade", g.SnapshotParent);
        await sim.RunOk("POST", "/nodes/pve1/qemu/100/snapshot/before-php84/rollback");
        Assert.Equal("running", sim.Guest(100).Status); // RAM state included
        await sim.RunOk("POST", "/nodes/pve1/lxc/200/snapshot/before-update/rollback", ("start", "1"));
        Assert.Equal("running", sim.Guest(200).Status);
    }

    [Fact]
    public async Task Vzdump_CreatesBackupVolumeOnChosenStorage()
    {
        using var sim = new Sim();
        await sim.RunOk("POST", "/nodes/pve1/vzdump", ("vmid", "106"), ("storage", "nfs-backup"), ("mode", "stop"), ("compress", "zstd"), ("notes-template", "{{guestname}} on {{node}}"));
        var vol = sim.Cluster.GetVolumes("nfs-backup").Single(v => v.Vmid == 106);
        Assert.Matches(@"^nfs-backup:backup/vzdump-qemu-106-\d{4}_\d{2}_\d{2}-\d{2}_\d{2}_\d{2}\.vma\.zst$", vol.Volid);
        Assert.Equal("test-vm on pve1", vol.Notes);
        var content = (await sim.Get("/nodes/pve2/storage/nfs-backup/content", ("vmid", "106"))).Data!.AsArray();
        Assert.Single(content);
        await sim.RunOk("POST", "/nodes/pve1/vzdump", ("vmid", "204"), ("storage", "local"), ("compress", "zstd"));
        Assert.Contains(sim.Cluster.GetVolumes("local", "pve1"), v => v.Volid.StartsWith("local:backup/vzdump-lxc-204-", StringComparison.Ordinal) && v.Volid.EndsWith(".tar.zst", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Vzdump_ForGuestOnOtherNode_ReturnsOkWithoutTask()
    {
        using var sim = new Sim();
        var r = await sim.Post("/nodes/pve2/vzdump", ("vmid", "100"));
        Assert.Equal("OK", (string?)r.Data);
    }

    [Fact]
    public async Task Restore_CreatesGuestFromBackup_AndRefusesExistingVmidWithoutForce()
    {
        using var sim = new Sim();
        var backup = sim.Cluster.GetVolumes("nfs-backup").First(v => v.Vmid == 100).Volid;
        var exists = await sim.Post("/nodes/pve1/qemu", ("vmid", "106"), ("archive", backup));
        Assert.Equal(500, exists.Status);
        Assert.Equal("unable to restore VM 106 - VM 106 already exists on node 'pve1'", exists.ReasonPhrase);
        var upid = await sim.RunOk("POST", "/nodes/pve1/qemu", ("vmid", "130"), ("archive", backup), ("storage", "local-lvm"), ("unique", "1"));
        Assert.Contains(":qmrestore:130:", upid, StringComparison.Ordinal);
        var g = sim.Guest(130);
        Assert.Equal("web01", g.Name);
        Assert.StartsWith("local-lvm:vm-130-disk-0,", g.Config["scsi0"]);
        await sim.RunOk("POST", "/nodes/pve1/qemu", ("vmid", "106"), ("archive", backup), ("force", "1"));
        Assert.Equal("web01", sim.Guest(106).Name);
    }

    [Fact]
    public async Task RestoreContainer_WithRestoreFlag()
    {
        using var sim = new Sim();
        var backup = sim.Cluster.GetVolumes("local", "pve1").First(v => v.Vmid == 200).Volid;
        await sim.RunOk("POST", "/nodes/pve1/lxc", ("vmid", "230"), ("ostemplate", backup), ("restore", "1"), ("storage", "local-lvm"));
        Assert.Equal("dns01", sim.Guest(230).Name);
        Assert.Equal("lxc", sim.Guest(230).Type);
    }

    [Fact]
    public async Task CreateVm_WithStorageColonGiB_AllocatesVolume()
    {
        using var sim = new Sim();
        var upid = await sim.StartTask("POST", "/nodes/pve2/qemu", ("vmid", "140"), ("name", "new-vm"), ("memory", "2048"), ("cores", "2"),
            ("scsi0", "local-lvm:32,iothread=1"), ("net0", "virtio,bridge=vmbr0"), ("ide2", "local:iso/debian-12.11.0-amd64-netinst.iso,media=cdrom"), ("ostype", "l26"));
        Assert.Equal("create", sim.Guest(140).Lock);
        await sim.Finish(upid);
        var g = sim.Guest(140);
        Assert.Null(g.Lock);
        Assert.Equal("local-lvm:vm-140-disk-0,iothread=1,size=32G", g.Config["scsi0"]);
        Assert.Equal("2048", g.Config["memory"]);
        Assert.Matches("^virtio=BC:24:11:[0-9A-F:]{8},bridge=vmbr0$", g.Config["net0"]);
        var cfg = (await sim.Get("/nodes/pve2/qemu/140/config")).Data!;
        Assert.Equal("2048", (string?)cfg["memory"]);
        Assert.Equal(2, (int)cfg["cores"]!);
    }

    [Fact]
    public async Task CreateVm_WithSizeSuffixInsteadOfGiB_FailsLikePve()
    {
        using var sim = new Sim();
        var r = await sim.Post("/nodes/pve1/qemu", ("vmid", "141"), ("scsi0", "local-lvm:32G"));
        Assert.Equal(500, r.Status);
        Assert.Equal("unable to parse lvm volume name '32G'", r.ReasonPhrase);
        Assert.False(sim.Cluster.TryGetGuest(141, out _));
        var existing = await sim.Post("/nodes/pve1/qemu", ("vmid", "100"), ("scsi0", "local-lvm:8"));
        Assert.Equal("unable to create VM 100 - VM 100 already exists on node 'pve1'", existing.ReasonPhrase);
    }

    [Fact]
    public async Task CreateContainer_FromTemplate()
    {
        using var sim = new Sim();
        await sim.RunOk("POST", "/nodes/pve3/lxc", ("vmid", "250"), ("ostemplate", "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst"),
            ("hostname", "ct250"), ("rootfs", "local-lvm:8"), ("memory", "1024"), ("net0", "name=eth0,bridge=vmbr0,ip=dhcp"), ("start", "1"));
        var g = sim.Guest(250);
        Assert.Equal("ct250", g.Name);
        Assert.Equal("local-lvm:vm-250-disk-0,size=8G", g.Config["rootfs"]);
        Assert.Equal("running", g.Status);
        var noRootdir = await sim.Post("/nodes/pve3/lxc", ("vmid", "251"), ("ostemplate", "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst"));
        Assert.Equal("storage 'local' does not support CT rootdirs", noRootdir.ReasonPhrase);
    }

    [Fact]
    public async Task Resize_GrowsWithPlusOrAbsolute_AndShrinkFails()
    {
        using var sim = new Sim();
        await sim.RunOk("PUT", "/nodes/pve1/qemu/106/resize", ("disk", "scsi0"), ("size", "+10G"));
        Assert.EndsWith("size=26G", sim.Guest(106).Config["scsi0"]);
        await sim.RunOk("PUT", "/nodes/pve1/qemu/106/resize", ("disk", "scsi0"), ("size", "40G"));
        Assert.EndsWith("size=40G", sim.Guest(106).Config["scsi0"]);
        var shrink = await sim.Finish(await sim.StartTask("PUT", "/nodes/pve1/qemu/106/resize", ("disk", "scsi0"), ("size", "20G")));
        Assert.Equal("shrinking disks is not supported", (string?)shrink["exitstatus"]);
        Assert.Equal("unable to shrink disk size", (await sim.Put("/nodes/pve1/lxc/204/resize", ("disk", "rootfs"), ("size", "1G"))).ReasonPhrase);
        await sim.RunOk("PUT", "/nodes/pve1/lxc/204/resize", ("disk", "rootfs"), ("size", "+2G"));
        Assert.EndsWith("size=12G", sim.Guest(204).Config["rootfs"]);
    }

    [Fact]
    public async Task ConfigPut_AppliesAndDeletes_AndDigestMismatchFails()
    {
        using var sim = new Sim();
        var digest = (string?)(await sim.Get("/nodes/pve1/qemu/106/config")).Data!["digest"];
        Assert.Equal(200, (await sim.Put("/nodes/pve1/qemu/106/config", ("cores", "4"), ("tags", "lab;test"), ("digest", digest!))).Status);
        Assert.Equal("4", sim.Guest(106).Config["cores"]);
        Assert.Equal(200, (await sim.Put("/nodes/pve1/qemu/106/config", ("delete", "tags"))).Status);
        Assert.False(sim.Guest(106).Config.ContainsKey("tags"));
        var stale = await sim.Put("/nodes/pve1/qemu/106/config", ("cores", "2"), ("digest", digest!));
        Assert.Equal(500, stale.Status);
        Assert.Equal("checksum mismatch (file change by other user?)", stale.ReasonPhrase);
        Assert.Equal("no options specified", (await sim.Put("/nodes/pve1/qemu/106/config")).ReasonPhrase);
    }

    [Fact]
    public async Task ConfigPost_IsAsyncAndAppliesWhenTaskEnds()
    {
        using var sim = new Sim();
        var upid = await sim.StartTask("POST", "/nodes/pve1/qemu/106/config", ("memory", "4096"));
        Assert.Contains(":qmconfig:106:", upid, StringComparison.Ordinal);
        Assert.Equal("2048", sim.Guest(106).Config["memory"]);
        await sim.Finish(upid);
        Assert.Equal("4096", sim.Guest(106).Config["memory"]);
    }

    [Fact]
    public async Task Template_ConvertsStoppedVmAndRefusesRunningOne()
    {
        using var sim = new Sim();
        Assert.Equal("you can't convert a VM to template if VM is running", (await sim.Post("/nodes/pve1/qemu/101/template")).ReasonPhrase);
        Assert.Equal("unable to create template, because VM contains snapshots", (await sim.Post("/nodes/pve1/qemu/100/template")).ReasonPhrase);
        await sim.RunOk("POST", "/nodes/pve1/qemu/106/template");
        var g = sim.Guest(106);
        Assert.True(g.Template);
        Assert.StartsWith("local-lvm:base-106-disk-0", g.Config["scsi0"]);
        var lxc = await sim.Post("/nodes/pve1/lxc/204/template");
        Assert.Equal(200, lxc.Status);
        Assert.Null(lxc.Data);
    }

    [Fact]
    public async Task Pools_CreateAddRemoveDelete()
    {
        using var sim = new Sim();
        Assert.Equal(200, (await sim.Post("/pools", ("poolid", "staging"), ("comment", "Staging"))).Status);
        Assert.Equal(200, (await sim.Put("/pools", ("poolid", "staging"), ("vms", "103,107"), ("storage", "local"))).Status);
        var pool = (await sim.Get("/pools", ("poolid", "staging"))).Data!.AsArray()[0]!;
        Assert.Equal(3, pool["members"]!.AsArray().Count);
        var old = (await sim.Get("/pools/staging")).Data!;
        Assert.Equal("Staging", (string?)old["comment"]);
        Assert.Equal("update pools failed: VM 100 belongs already to pool 'production' and 'allow-move' is not set",
            (await sim.Put("/pools", ("poolid", "staging"), ("vms", "100"))).ReasonPhrase);
        Assert.Equal("delete pool failed: pool 'staging' is not empty (contains VM 103)", (await sim.Delete("/pools", ("poolid", "staging"))).ReasonPhrase);
        Assert.Equal(200, (await sim.Put("/pools/staging", ("vms", "103,107"), ("storage", "local"), ("delete", "1"))).Status);
        Assert.Equal(200, (await sim.Delete("/pools/staging")).Status);
        Assert.Equal("pool 'staging' does not exist", (await sim.Get("/pools/staging")).ReasonPhrase);
    }

    [Fact]
    public async Task DeleteBackupVolume_RemovesIt_AndProtectedBackupFails()
    {
        using var sim = new Sim();
        var vol = sim.Cluster.GetVolumes("local", "pve1").First(v => v.Content == "backup").Volid;
        await sim.RunOk("DELETE", $"/nodes/pve1/storage/local/content/{vol}");
        Assert.DoesNotContain(sim.Cluster.GetVolumes("local", "pve1"), v => v.Volid == vol);
        var prot = sim.Cluster.GetVolumes("nfs-backup").First(v => v.Protected).Volid;
        var st = await sim.Finish(await sim.StartTask("DELETE", $"/nodes/pve1/storage/nfs-backup/content/{Uri.EscapeDataString(prot)}"));
        Assert.Equal($"volume deletion failed: backup '{prot}' is protected", (string?)st["exitstatus"]);
    }
}
