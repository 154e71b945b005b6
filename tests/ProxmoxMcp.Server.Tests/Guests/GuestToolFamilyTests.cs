using ProxmoxMcp.Server.Tests.Support;

namespace ProxmoxMcp.Server.Tests.Guests;

/// <summary>What every tool that takes a vmid must do the same way: the kind check, a missing guest, bad ids and nodes.</summary>
public class GuestToolFamilyTests
{
    /// <summary>The arguments each tool needs besides vmid, so the call gets as far as finding the guest.</summary>
    private static readonly Dictionary<string, Dictionary<string, object?>> Extra = new(StringComparer.Ordinal)
    {
        ["migrate_vm"] = new() { ["target"] = "pve2" },
        ["migrate_container"] = new() { ["target"] = "pve2" },
        ["update_vm"] = new() { ["description"] = "x" },
        ["update_container"] = new() { ["description"] = "x" },
        ["resize_vm_disk"] = new() { ["disk"] = "scsi0", ["size"] = "+1G" },
        ["resize_container_disk"] = new() { ["disk"] = "rootfs", ["size"] = "+1G" },
    };

    private static readonly (string Tool, int Vmid, string RightTool)[] OtherKindRows =
    [
        ("get_vm", 200, "get_container"),
        ("get_vm_config", 200, "get_container_config"),
        ("get_vm_metrics", 200, "get_container_metrics"),
        ("start_vm", 200, "start_container"),
        ("stop_vm", 200, "stop_container"),
        ("shutdown_vm", 200, "shutdown_container"),
        ("reboot_vm", 200, "reboot_container"),
        ("reset_vm", 200, "reboot_container"),
        ("suspend_vm", 200, "shutdown_container"),
        ("resume_vm", 200, "start_container"),
        ("delete_vm", 200, "delete_container"),
        ("clone_vm", 200, "clone_container"),
        ("migrate_vm", 200, "migrate_container"),
        ("update_vm", 200, "update_container"),
        ("resize_vm_disk", 200, "resize_container_disk"),
        ("convert_vm_to_template", 200, "convert_container_to_template"),
        ("get_container", 100, "get_vm"),
        ("get_container_config", 100, "get_vm_config"),
        ("get_container_metrics", 100, "get_vm_metrics"),
        ("start_container", 100, "start_vm"),
        ("stop_container", 100, "stop_vm"),
        ("shutdown_container", 100, "shutdown_vm"),
        ("reboot_container", 100, "reboot_vm"),
        ("delete_container", 100, "delete_vm"),
        ("clone_container", 100, "clone_vm"),
        ("migrate_container", 100, "migrate_vm"),
        ("update_container", 100, "update_vm"),
        ("resize_container_disk", 100, "resize_vm_disk"),
        ("convert_container_to_template", 100, "convert_vm_to_template"),
    ];

    public static TheoryData<string, int, string> WrongKind => new(OtherKindRows);

    public static TheoryData<string> VmidTools => new(OtherKindRows.Select(row => row.Tool));

    [Theory]
    [MemberData(nameof(WrongKind))]
    public async Task Tool_WhenVmidIsTheOtherKind_NamesTheRightToolAndChangesNothing(string tool, int vmid, string rightTool)
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync(tool, Arguments(tool, vmid));

        result.AssertError(rightTool);
        Assert.Contains(vmid == 200 ? "is a container" : "is a VM", result.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(VmidTools))]
    public async Task Tool_WhenGuestDoesNotExist_SaysSoAndHowToList(string tool)
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync(tool, Arguments(tool, 999));

        result.AssertError("No VM or container with id 999");
        Assert.Contains("get_cluster_resources", result.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(VmidTools))]
    public async Task Tool_WhenVmidIsOutOfRange_RefusesBeforeAnyRequest(string tool)
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutRequestsAsync(tool, Arguments(tool, 99));

        result.AssertError("vmid 99 is out of range");
    }

    [Theory]
    [MemberData(nameof(VmidTools))]
    public async Task Tool_WhenNodeTriesToEscapeThePath_RefusesBeforeAnyRequest(string tool)
    {
        await using var server = await SimulatedServer.StartAsync();
        var arguments = Arguments(tool, 100);
        arguments["node"] = "pve1/../../access";

        var result = await server.CallWithoutRequestsAsync(tool, arguments);

        result.AssertError("is not a valid node name");
    }

    [Theory]
    [InlineData("get_vm", 100)]
    [InlineData("get_container", 200)]
    public async Task Get_WhenNodeIsWrong_ReadsTheGuestWhereItIsWithANote(string tool, int vmid)
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync(tool, new { vmid, node = "pve3" });

        result.AssertSuccess();
        Assert.Equal("pve1", result.Structured().String("node"));
        Assert.Contains("is on node pve1, not pve3", result.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("get_vm")]
    [InlineData("start_container")]
    [InlineData("update_vm")]
    public async Task Tool_WhenVmidMissing_NamesTheArgument(string tool)
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutRequestsAsync(tool, new { });

        result.AssertError("'vmid' is required");
    }

    [Fact]
    public async Task Tool_WhenVmidIsText_NamesTheArgumentAndItsType()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutRequestsAsync("get_vm", new { vmid = "web01" });

        result.AssertError("'vmid' must be an integer");
    }

    private static Dictionary<string, object?> Arguments(string tool, int vmid)
    {
        var arguments = new Dictionary<string, object?>(Extra.GetValueOrDefault(tool) ?? []) { ["vmid"] = vmid };
        return arguments;
    }
}
