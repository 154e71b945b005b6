using ProxmoxMcp.Proxmox.Protection;

namespace ProxmoxMcp.Proxmox.Tests.Protection;

/// <summary>Which guests a write request acts on, and whether a protected guest allows it.</summary>
public sealed class GuestWriteTests
{
    [Theory]
    [InlineData("DELETE", "nodes/pve1/qemu/105", true)]
    [InlineData("POST", "nodes/pve1/qemu/105/status/stop", true)]
    [InlineData("POST", "nodes/pve1/qemu/105/status/shutdown", true)]
    [InlineData("POST", "nodes/pve1/qemu/105/status/reboot", true)]
    [InlineData("POST", "nodes/pve1/qemu/105/status/reset", true)]
    [InlineData("POST", "nodes/pve1/qemu/105/status/suspend", true)]
    [InlineData("POST", "nodes/pve1/qemu/105/snapshot/s1/rollback", true)]
    [InlineData("DELETE", "nodes/pve1/qemu/105/snapshot/s1", true)]
    [InlineData("PUT", "nodes/pve1/qemu/105/config", true)]
    [InlineData("POST", "nodes/pve1/qemu/105/config", true)]
    [InlineData("PUT", "nodes/pve1/qemu/105/resize", true)]
    [InlineData("POST", "nodes/pve1/qemu/105/move_disk", true)]
    [InlineData("POST", "nodes/pve1/qemu/105/migrate", true)]
    [InlineData("POST", "nodes/pve1/qemu/105/template", true)]
    [InlineData("POST", "nodes/pve1/qemu/105/agent/exec", true)]
    [InlineData("PUT", "nodes/pve1/qemu/105/firewall/options", true)]
    [InlineData("POST", "nodes/pve1/lxc/105/status/stop", true)]
    [InlineData("POST", "nodes/pve1/lxc/105/move_volume", true)]
    [InlineData("POST", "nodes/pve1/qemu/105/status/start", false)]
    [InlineData("POST", "nodes/pve1/qemu/105/status/resume", false)]
    [InlineData("POST", "nodes/pve1/qemu/105/snapshot", false)]
    [InlineData("POST", "nodes/pve1/qemu/105/clone", false)]
    [InlineData("POST", "nodes/pve1/lxc/105/clone", false)]
    [InlineData("PUT", "nodes/pve1/qemu/105/status/start", true)]
    public void GuestPath_IsDestructiveUnlessStartResumeSnapshotOrClone(string method, string path, bool destructive)
    {
        var write = GuestWrite.Classify(method, path.Split('/'), []);

        var touch = Assert.Single(write.Guests);
        Assert.Equal(105, touch.VmId);
        Assert.Equal(destructive, touch.Destructive);
    }

    [Fact]
    public void Create_NamesTheNewId_AsACreation()
    {
        var write = GuestWrite.Classify("POST", ["nodes", "pve1", "qemu"], [new("vmid", "150"), new("archive", "x"), new("force", "1")]);

        Assert.Equal(new GuestTouch(150, "VM", false, true), Assert.Single(write.Guests));
    }

    [Fact]
    public void Clone_TouchesTheSourceHarmlesslyAndCreatesTheNewId()
    {
        var write = GuestWrite.Classify("POST", ["nodes", "pve1", "qemu", "105", "clone"], [new("newid", "150")]);

        Assert.Equal([new GuestTouch(105, "VM", false), new GuestTouch(150, "VM", false, true)], write.Guests);
    }

    [Fact]
    public void MoveDisk_ToAnotherGuest_TouchesThatGuestToo()
    {
        var write = GuestWrite.Classify("POST", ["nodes", "pve1", "qemu", "105", "move_disk"], [new("target-vmid", "106")]);

        Assert.Equal([105, 106], write.Guests.Select(g => g.VmId));
        Assert.All(write.Guests, g => Assert.True(g.Destructive));
    }

    [Theory]
    [InlineData("local-lvm:vm-105-disk-0", 105L)]
    [InlineData("local-lvm:base-105-disk-1", 105L)]
    [InlineData("local-zfs:subvol-105-disk-0", 105L)]
    [InlineData("nfs:backup/vzdump-qemu-105-2025_01_01-02_00_00.vma.zst", 105L)]
    [InlineData("nfs:105/vm-105-disk-0.qcow2", 105L)]
    [InlineData("local:iso/debian-12.iso", null)]
    [InlineData("local:iso/vm-105.iso", null)]
    public void VolumeOwner_ReadsTheGuestFromDiskAndBackupNames(string volume, long? owner)
    {
        Assert.Equal(owner, GuestWrite.VolumeOwner(volume));
    }

    [Fact]
    public void DeleteOfAGuestsDisk_IsDestructiveForThatGuest()
    {
        var write = GuestWrite.Classify("DELETE", ["nodes", "pve1", "storage", "local-lvm", "content", "local-lvm:vm-105-disk-0"], []);

        Assert.Equal(new GuestTouch(105, null, true), Assert.Single(write.Guests));
    }

    [Fact]
    public void Vzdump_TouchesItsGuestsHarmlessly_AndAllOrPoolMeansEveryGuest()
    {
        Assert.Equal([105, 106], GuestWrite.Classify("POST", ["nodes", "pve1", "vzdump"], [new("vmid", "105,106")]).Guests.Select(g => g.VmId));
        Assert.All(GuestWrite.Classify("POST", ["nodes", "pve1", "vzdump"], [new("vmid", "105")]).Guests, g => Assert.False(g.Destructive));
        Assert.True(GuestWrite.Classify("POST", ["nodes", "pve1", "vzdump"], [new("all", "1")]).AllGuests);
        Assert.True(GuestWrite.Classify("POST", ["nodes", "pve1", "vzdump"], [new("pool", "prod")]).AllGuests);
    }

    [Fact]
    public void PoolMembershipChange_IsDestructiveForItsMembers()
    {
        var write = GuestWrite.Classify("PUT", ["pools", "critical"], [new("vms", "105,106"), new("delete", "1")]);

        Assert.Equal([105, 106], write.Guests.Select(g => g.VmId));
        Assert.All(write.Guests, g => Assert.True(g.Destructive));
    }

    [Theory]
    [InlineData("stopall", true)]
    [InlineData("suspendall", true)]
    [InlineData("migrateall", true)]
    [InlineData("startall", false)]
    public void NodeWideActions_ActOnEveryGuestOfTheNode(string action, bool destructive)
    {
        var write = GuestWrite.Classify("POST", ["nodes", "pve2", action], []);

        Assert.Equal("pve2", write.AllGuestsOfNode);
        Assert.Equal(destructive, write.AllOfNodeDestructive);
    }

    [Fact]
    public void NodeReboot_ActsOnEveryGuestOfTheNode_ButOtherNodeWritesDoNot()
    {
        Assert.Equal("pve1", GuestWrite.Classify("POST", ["nodes", "pve1", "status"], [new("command", "reboot")]).AllGuestsOfNode);
        Assert.True(GuestWrite.Classify("POST", ["nodes", "pve1", "network"], [new("iface", "vmbr1")]).IsEmpty);
        Assert.True(GuestWrite.Classify("POST", ["pools"], [new("poolid", "x")]).IsEmpty);
    }

    [Theory]
    [InlineData("vm:105")]
    [InlineData("ct:105")]
    [InlineData("105")]
    public void HaResources_TouchTheirGuest(string sid)
    {
        Assert.Equal(105, Assert.Single(GuestWrite.Classify("POST", ["cluster", "ha", "resources"], [new("sid", sid)]).Guests).VmId);
        Assert.Equal(105, Assert.Single(GuestWrite.Classify("DELETE", ["cluster", "ha", "resources", sid], []).Guests).VmId);
    }
}
