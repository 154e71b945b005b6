using ProxmoxMcp.Server.Tests.Guests;
using ProxmoxMcp.Server.Tests.Support;

namespace ProxmoxMcp.Server.Tests.Vms;

public class VmCreateDeleteTests
{
    [Theory]
    [InlineData("20")]
    [InlineData("20G")]
    public async Task CreateVm_WithoutVmid_TakesTheNextFreeIdAndSendsTheDiskSizeInGib(string diskSize)
    {
        await using var server = await SimulatedServer.StartAsync();
        var before = server.Cluster.Vmids;

        var result = (await server.CallAsync("create_vm", new
        {
            node = "pve2", name = "new-vm", memory = 2048, cores = 2, ostype = "l26", storage = "local-lvm", diskSize,
            bridge = "vmbr0", iso = "local:iso/debian-12.7.0-amd64-netinst.iso", tags = "lab,new",
        })).AssertSuccess();

        var vmid = server.NewGuest(before);
        var vm = server.Guest(vmid);
        Assert.Equal(("qemu", "pve2", "new-vm", "stopped"), (vm.Type, vm.Node, vm.Name, vm.Status));
        Assert.Contains("size=20G", vm.Config["scsi0"], StringComparison.Ordinal);
        Assert.Equal("lab;new", vm.Config["tags"]);
        var request = server.Change("POST", "/nodes/pve2/qemu");
        Assert.StartsWith("local-lvm:20,", request.Param("scsi0"), StringComparison.Ordinal);
        Assert.Equal("virtio,bridge=vmbr0", request.Param("net0"));
        Assert.Contains($"New VM id: {vmid}.", result.Text(), StringComparison.Ordinal);
        Assert.Contains($"start_vm vmid={vmid}", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateVm_WithStart_CreatesAndStartsIt()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("create_vm", new { node = "pve1", vmid = 555, name = "started-vm", start = true })).AssertSuccess();

        Assert.Equal("running", server.Guest(555).Status);
    }

    [Fact]
    public async Task CreateVm_WhenVmidIsTaken_SaysWhoHasItAndCreatesNothing()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("create_vm", new { node = "pve1", vmid = 200 });

        result.AssertError("already used by container 200 'dns01' on pve1");
    }

    [Fact]
    public async Task CreateVm_WhenBridgeWouldAddProperties_RefusesBeforeAnyRequest()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutRequestsAsync("create_vm", new { node = "pve1", bridge = "vmbr0,firewall=1" });

        result.AssertError("'bridge'");
    }

    [Fact]
    public async Task CreateVm_WhenDiskSizeHasNoStorage_NamesStorage()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutRequestsAsync("create_vm", new { node = "pve1", diskSize = "32G" });

        result.AssertError("'diskSize' needs 'storage'");
    }

    [Theory]
    [InlineData("diskSize", "32X", "diskSize '32X' is not a disk size")]
    [InlineData("ostype", "linux", "'ostype' 'linux' is not one of: l26")]
    [InlineData("iso", "debian.iso", "iso 'debian.iso' is not a volume id")]
    [InlineData("name", "web_01!", "'name' 'web_01!' is not a valid name")]
    [InlineData("node", "pve 1", "node 'pve 1' is not a valid node name")]
    public async Task CreateVm_WhenAnArgumentIsMalformed_NamesItBeforeAnyRequest(string argument, string value, string message)
    {
        await using var server = await SimulatedServer.StartAsync();
        var arguments = new Dictionary<string, object?> { ["node"] = "pve1", ["storage"] = "local-lvm", [argument] = value };

        var result = await server.CallWithoutRequestsAsync("create_vm", arguments);

        result.AssertError(message);
    }

    [Fact]
    public async Task CreateVm_WhenNodeIsUnknown_ListsTheKnownNodes()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("create_vm", new { node = "pve7" });

        result.AssertError("no node 'pve7'");
        Assert.Contains("pve1, pve2, pve3", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateVm_WhenNodeIsMissing_NamesTheArgument()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutRequestsAsync("create_vm", new { name = "x" });

        result.AssertError("'node' is required");
    }

    [Fact]
    public async Task DeleteVm_WithConfirm_DeletesTheStoppedVmAndPurgesIt()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("delete_vm", new { vmid = 106, confirm = "106" })).AssertSuccess();

        Assert.False(server.HasGuest(106));
        var request = server.Change("DELETE", "/nodes/pve1/qemu/106");
        Assert.Equal("1", request.Param("purge"));
        Assert.Equal("completed", result.Status());
    }

    [Fact]
    public async Task DeleteVm_WithoutConfirm_NamesTheDisksAndKeepsTheVm()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("delete_vm", new { vmid = 106 });

        result.AssertError("Confirmation needed");
        Assert.Contains("vm-106-disk-0", result.Text(), StringComparison.Ordinal);
        Assert.True(server.HasGuest(106));
    }

    [Fact]
    public async Task DeleteVm_WithAWrongConfirm_KeepsTheVm()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("delete_vm", new { vmid = 106, confirm = "yes" });

        result.AssertError("confirm 'yes' does not match the target '106'");
        Assert.True(server.HasGuest(106));
    }

    [Fact]
    public async Task DeleteVm_WhenProtected_SaysHowToLiftItAndDeletesNothing()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("delete_vm", new { vmid = 101, confirm = "101" });

        result.AssertError("is protected");
        Assert.Contains("update_vm vmid=101 protection=false", result.Text(), StringComparison.Ordinal);
        Assert.True(server.HasGuest(101));
    }

    [Fact]
    public async Task DeleteVm_WhenRunning_AdvisesStoppingItFirst()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("delete_vm", new { vmid = 100, confirm = "100" });

        result.AssertError("is running");
        Assert.Contains("shutdown_vm", result.Text(), StringComparison.Ordinal);
        Assert.True(server.HasGuest(100));
    }

    [Fact]
    public async Task DeleteVm_AProtectedRunningVm_CanBeDeletedAfterLiftingProtectionAndStoppingIt()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("update_vm", new { vmid = 101, protection = false })).AssertSuccess();
        (await server.CallAsync("stop_vm", new { vmid = 101, confirm = "101" })).AssertSuccess();
        (await server.CallAsync("delete_vm", new { vmid = 101, confirm = "101" })).AssertSuccess();

        Assert.False(server.HasGuest(101));
    }
}
