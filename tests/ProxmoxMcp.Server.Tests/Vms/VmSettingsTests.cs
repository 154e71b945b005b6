using ProxmoxMcp.Server.Tests.Guests;
using ProxmoxMcp.Server.Tests.Support;

namespace ProxmoxMcp.Server.Tests.Vms;

public class VmSettingsTests
{
    private static readonly string[] Description = ["description"];
    private static readonly string[] Tags = ["tags"];
    private static readonly string[] Memory = ["memory"];

    [Fact]
    public async Task UpdateVm_ChangesNamedSettingsAndReportsBeforeAndAfter()
    {
        await using var server = await SimulatedServer.StartAsync();
        var oldMemory = server.Guest(106).Config["memory"];

        var result = (await server.CallAsync("update_vm", new { vmid = 106, cores = 3, memory = 3072, tags = "lab, test", onboot = true, description = "scratch" }))
            .AssertSuccess();

        var config = server.Guest(106).Config;
        Assert.Equal(("3", "3072", "lab;test", "1", "scratch"), (config["cores"], config["memory"], config["tags"], config["onboot"], config["description"]));
        Assert.Equal("updated", result.Status());
        Assert.Contains($"memory: {oldMemory} -> 3072", result.Text(), StringComparison.Ordinal);
        Assert.Contains("onboot: (not set) -> 1", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateVm_SendsTheDigestOfAFreshRead()
    {
        await using var server = await SimulatedServer.StartAsync();
        var digest = (await server.CallAsync("get_vm_config", new { vmid = 106 })).Structured().String("digest");

        (await server.CallAsync("update_vm", new { vmid = 106, cores = 2 })).AssertSuccess();

        var request = server.Change("POST", "/nodes/pve1/qemu/106/config");
        Assert.Equal(digest, request.Param("digest"));
        Assert.Equal("2", request.Param("cores"));
    }

    [Fact]
    public async Task UpdateVm_WithTheOriginalConfigObject_StillWorksAndIsChecked()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("update_vm", new { vmid = 106, config = new { cores = 4, protection = true, name = "renamed" } })).AssertSuccess();

        var config = server.Guest(106).Config;
        Assert.Equal(("4", "1", "renamed"), (config["cores"], config["protection"], config["name"]));
    }

    [Fact]
    public async Task UpdateVm_DeleteRemovesSettings()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("update_vm", new { vmid = 100, delete = Description })).AssertSuccess();

        Assert.False(server.Guest(100).Config.ContainsKey("description"));
        Assert.Equal("description", server.Change("POST", "/nodes/pve1/qemu/100/config").Param("delete"));
        Assert.Contains("description: Public web server", result.Text(), StringComparison.Ordinal);
        Assert.Contains("-> (removed)", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateVm_WhenEverySettingAlreadyHasThatValue_SendsNothing()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallWithoutChangesAsync("update_vm", new { vmid = 100, cores = 2 })).AssertSuccess();

        Assert.Equal("unchanged", result.Status());
    }

    [Theory]
    [InlineData("args", "runs commands or raw options on the Proxmox host")]
    [InlineData("hookscript", "runs commands or raw options on the Proxmox host")]
    [InlineData("hostpci0", "passes host hardware")]
    [InlineData("scsi1", "resize_vm_disk")]
    [InlineData("net0", "network device")]
    [InlineData("lock", "qm unlock")]
    [InlineData("template", "convert_vm_to_template")]
    [InlineData("cipassword", "cloud-init")]
    public async Task UpdateVm_RefusesKeysItDoesNotChangeWithTheReason(string key, string reason)
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutRequestsAsync("update_vm", new { vmid = 100, config = new Dictionary<string, object> { [key] = "x" } });

        result.AssertError(reason);
        Assert.Contains("It changes: name, cores", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateVm_RefusesAnUnknownKey()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutRequestsAsync("update_vm", new { vmid = 100, config = new { colour = "blue" } });

        result.AssertError("'config.colour': 'colour' is not a setting update_vm changes");
    }

    [Theory]
    [InlineData("cores", 0, "'cores' '0' is not valid")]
    [InlineData("memory", 8, "'memory' '8' is not valid")]
    [InlineData("name", "has space", "'name' 'has space' is not a valid name")]
    [InlineData("tags", "ok;not ok!", "'tags' 'ok!' is not a valid tag")]
    [InlineData("ostype", "linux", "'ostype' 'linux' is not one of")]
    [InlineData("cpu", "host,flags=+aes", "'cpu' 'host,flags=+aes' is not a CPU type")]
    public async Task UpdateVm_WhenAValueIsInvalid_NamesTheArgumentBeforeAnyRequest(string argument, object value, string message)
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutRequestsAsync("update_vm", new Dictionary<string, object?> { ["vmid"] = 100, [argument] = value });

        result.AssertError(message);
    }

    [Fact]
    public async Task UpdateVm_WhenNothingIsGiven_ListsWhatItChanges()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutRequestsAsync("update_vm", new { vmid = 100 });

        result.AssertError("Nothing to change");
    }

    [Fact]
    public async Task UpdateVm_WhenAKeyIsBothSetAndDeleted_Refuses()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutRequestsAsync("update_vm", new { vmid = 100, tags = "a", delete = Tags });

        result.AssertError("both set and listed in 'delete'");
    }

    [Fact]
    public async Task UpdateVm_WhenDeletingARequiredSetting_Refuses()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutRequestsAsync("update_vm", new { vmid = 100, delete = Memory });

        result.AssertError("memory cannot be removed");
    }

    [Fact]
    public async Task UpdateVm_OnARunningVm_SaysWhichChangesWaitForARestart()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("update_vm", new { vmid = 100, cores = 4 })).AssertSuccess();

        Assert.Contains("reboot_vm applies them", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResizeVmDisk_GrowsByAnAmount()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("resize_vm_disk", new { vmid = 100, disk = "scsi0", size = "+8G" })).AssertSuccess();

        Assert.Contains("size=40G", server.Guest(100).Config["scsi0"], StringComparison.Ordinal);
        Assert.Equal("+8G", server.Change("PUT", "/nodes/pve1/qemu/100/resize").Param("size"));
        Assert.Contains("scsi0: 32G -> 40 GiB", result.Text(), StringComparison.Ordinal);
        Assert.Contains("inside the VM", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResizeVmDisk_ToATotal_GrowsToIt()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("resize_vm_disk", new { vmid = 100, disk = "scsi0", size = "64G" })).AssertSuccess();

        Assert.Contains("size=64G", server.Guest(100).Config["scsi0"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResizeVmDisk_ToASmallerTotal_IsRefusedBecauseDisksOnlyGrow()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("resize_vm_disk", new { vmid = 100, disk = "scsi0", size = "16G" });

        result.AssertError("Disks only grow");
        Assert.Contains("32G now", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResizeVmDisk_WhenTheVmHasNoSuchDisk_ListsItsDisks()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("resize_vm_disk", new { vmid = 100, disk = "scsi5", size = "+1G" });

        result.AssertError("has no disk scsi5");
        Assert.Contains("scsi0", result.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rootfs", "+1G", "'disk' 'rootfs' is not a disk key")]
    [InlineData("scsi0,size=1T", "+1G", "is not a disk key")]
    [InlineData("scsi0", "ten", "size 'ten' is not a size")]
    [InlineData("scsi0", "50", "size '50' is not a size")]
    public async Task ResizeVmDisk_WhenDiskOrSizeIsMalformed_RefusesBeforeAnyRequest(string disk, string size, string message)
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutRequestsAsync("resize_vm_disk", new { vmid = 100, disk, size });

        result.AssertError(message);
    }

    [Fact]
    public async Task ConvertVmToTemplate_WithConfirm_MakesItATemplateThatCannotStart()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("convert_vm_to_template", new { vmid = 106, confirm = "106" })).AssertSuccess();

        Assert.True(server.Guest(106).Template);
        (await server.CallAsync("start_vm", new { vmid = 106 })).AssertError("is a template");
    }

    [Fact]
    public async Task ConvertVmToTemplate_WithoutConfirm_SaysItIsIrreversible()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("convert_vm_to_template", new { vmid = 106 });

        result.AssertError("irreversibly");
        Assert.False(server.Guest(106).Template);
    }

    [Fact]
    public async Task ConvertVmToTemplate_WhenRunning_AdvisesShuttingDownFirst()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("convert_vm_to_template", new { vmid = 100, confirm = "100" });

        result.AssertError("shutdown_vm");
    }

    [Fact]
    public async Task ConvertVmToTemplate_WhenAlreadyATemplate_DoesNothing()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallWithoutChangesAsync("convert_vm_to_template", new { vmid = 9000 })).AssertSuccess();

        Assert.Equal("done", result.Status());
        Assert.Contains("already is a template", result.Text(), StringComparison.Ordinal);
    }
}
