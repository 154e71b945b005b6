using ProxmoxMcp.Server.Tests.Guests;
using ProxmoxMcp.Server.Tests.Support;

namespace ProxmoxMcp.Server.Tests.Vms;

public class VmCloneMigrateTests
{
    [Fact]
    public async Task CloneVm_FromATemplate_MakesALinkedCloneWithTheNextFreeId()
    {
        await using var server = await SimulatedServer.StartAsync();
        var before = server.Cluster.Vmids;

        var result = (await server.CallAsync("clone_vm", new { vmid = 9000, name = "from-template", full = false })).AssertSuccess();

        var vmid = server.NewGuest(before);
        Assert.Equal(("from-template", "pve1", false), (server.Guest(vmid).Name, server.Guest(vmid).Node, server.Guest(vmid).Template));
        Assert.Equal("0", server.Change("POST", "/nodes/pve1/qemu/9000/clone").Param("full"));
        Assert.Contains($"New VM {vmid} 'from-template' on pve1 (linked clone)", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloneVm_FullCloneWithNewidAndStorage_MakesAnIndependentCopy()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("clone_vm", new { vmid = 106, newid = 600, name = "copy", full = true, storage = "local-lvm" })).AssertSuccess();

        Assert.Equal(("copy", "pve1", "stopped"), (server.Guest(600).Name, server.Guest(600).Node, server.Guest(600).Status));
        Assert.Contains("vm-600-disk-0", server.Guest(600).Config["scsi0"], StringComparison.Ordinal);
        Assert.True(server.HasGuest(106));
        var request = server.Change("POST", "/nodes/pve1/qemu/106/clone");
        Assert.Equal(("600", "1", "local-lvm"), (request.Param("newid"), request.Param("full"), request.Param("storage")));
    }

    [Fact]
    public async Task CloneVm_ToAnotherNodeFromLocalStorage_ReportsProxmoxsRefusal()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("clone_vm", new { vmid = 106, newid = 601, target = "pve2" });

        result.AssertError("can't clone VM to node 'pve2'");
        Assert.False(server.HasGuest(601));
        Assert.Equal("pve2", server.Change("POST", "/nodes/pve1/qemu/106/clone").Param("target"));
    }

    [Fact]
    public async Task CloneVm_LinkedFromAVmThatIsNoTemplate_IsRefusedWithTheWayOut()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("clone_vm", new { vmid = 106, full = false });

        result.AssertError("Linked clones can only be made from templates");
        Assert.Contains("convert_vm_to_template", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloneVm_WhenNewidIsTaken_SaysWhoHasIt()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("clone_vm", new { vmid = 9000, newid = 100 });

        result.AssertError("'newid' 100 is already used by VM 100 'web01'");
    }

    [Fact]
    public async Task CloneVm_WhenTargetNodeIsUnknown_ListsTheKnownNodes()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("clone_vm", new { vmid = 9000, target = "pve8" });

        result.AssertError("no node 'pve8'");
    }

    [Fact]
    public async Task MigrateVm_ARunningVm_MovesLive()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("migrate_vm", new { vmid = 100, target = "pve2" })).AssertSuccess();

        Assert.Equal(("pve2", "running"), (server.Guest(100).Node, server.Guest(100).Status));
        var request = server.Change("POST", "/nodes/pve1/qemu/100/migrate");
        Assert.Equal(("1", "1"), (request.Param("online"), request.Param("with-local-disks")));
        Assert.Contains("Live migration", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateVm_AStoppedVm_MovesOffline()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("migrate_vm", new { vmid = 106, target = "pve3" })).AssertSuccess();

        Assert.Equal("pve3", server.Guest(106).Node);
        Assert.Null(server.Change("POST", "/nodes/pve1/qemu/106/migrate").Param("online"));
    }

    [Fact]
    public async Task MigrateVm_ARunningVmWithOnlineFalse_IsRefused()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("migrate_vm", new { vmid = 100, target = "pve2", online = false });

        result.AssertError("online=true");
    }

    [Fact]
    public async Task MigrateVm_WhenTargetNodeIsOffline_IsRefusedNamingTheOnlineNodes()
    {
        await using var server = await SimulatedServer.StartAsync();
        server.Cluster.SetNodeOnline("pve3", false);

        var result = await server.CallWithoutChangesAsync("migrate_vm", new { vmid = 106, target = "pve3" });

        result.AssertError("node pve3 is offline");
        Assert.Contains("Online nodes: pve1, pve2", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateVm_WhenAlreadyOnTheTarget_DoesNothing()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallWithoutChangesAsync("migrate_vm", new { vmid = 100, target = "pve1" })).AssertSuccess();

        Assert.Equal("done", result.Status());
        Assert.Contains("already on pve1", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateVm_WhenTargetIsMissing_NamesTheArgument()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutRequestsAsync("migrate_vm", new { vmid = 100 });

        result.AssertError("'target' is required");
    }
}
