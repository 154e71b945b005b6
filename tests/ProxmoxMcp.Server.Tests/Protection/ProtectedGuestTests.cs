using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Proxmox.Protection;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Tests.Guests;
using ProxmoxMcp.Server.Tests.Support;

namespace ProxmoxMcp.Server.Tests.Protection;

public sealed class ProtectedGuestTests
{
    private static readonly int[] AllowedAndNot = [106, 103];
    private int questions;

    [Fact]
    public async Task DeleteVm_OfAProtectedGuest_IsRefusedWithoutAskingTheUser()
    {
        await using var server = await StartAsync(protect: "106", eliciting: true);

        var result = await server.CallWithoutChangesAsync("delete_vm", new { vmid = 106, confirm = "106" });

        result.AssertError("VM 106 is protected by PROXMOX_MCP_PROTECT (106); nothing was sent (DELETE /nodes/pve1/qemu/106).");
        Assert.Contains("no argument or confirmation overrides this", result.Text(), StringComparison.Ordinal);
        Assert.Equal(0, questions);
        Assert.True(server.HasGuest(106));
    }

    [Theory]
    [InlineData("stop_vm", 102, "tag:prod")]
    [InlineData("reset_vm", 102, "pool:production")]
    [InlineData("stop_container", 200, "200-299")]
    public async Task HardStop_OfAProtectedGuest_IsRefusedWithoutAskingTheUser(string tool, int vmid, string rule)
    {
        await using var server = await StartAsync(protect: rule, eliciting: true);

        var result = await server.CallWithoutChangesAsync(tool, new { vmid, confirm = vmid.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        result.AssertError($"is protected by PROXMOX_MCP_PROTECT ({rule}); nothing was sent");
        Assert.Equal(0, questions);
        Assert.Equal("running", server.Guest(vmid).Status);
    }

    [Fact]
    public async Task UpdateVm_OfAProtectedGuest_IsRefusedByTheHttpPipeline()
    {
        await using var server = await StartAsync(protect: "tag:web");

        var result = await server.CallWithoutChangesAsync("update_vm", new { vmid = 100, tags = "lab" });

        result.AssertError("VM 100 'web01' is protected by PROXMOX_MCP_PROTECT (tag:web); nothing was sent (POST /nodes/pve1/qemu/100/config).");
    }

    [Fact]
    public async Task AProtectedGuest_CanStillBeStartedSnapshottedBackedUpAndClonedFrom()
    {
        await using var server = await StartAsync(protect: "106");

        (await server.CallAsync("start_vm", new { vmid = 106 })).AssertSuccess();
        (await server.CallAsync("create_snapshot", new { vmid = 106, snapname = "safe" })).AssertSuccess();
        (await server.CallAsync("create_backup", new { vmid = 106, storage = "nfs-backup" })).AssertSuccess();
        (await server.CallAsync("clone_vm", new { vmid = 106, newid = 150 })).AssertSuccess();

        Assert.Equal("running", server.Guest(106).Status);
        Assert.Contains("safe", server.Guest(106).Snapshots);
        Assert.True(server.HasGuest(150));
    }

    [Fact]
    public async Task Allow_RefusesEvenAStartOrACreateOutsideTheList_AndLetsTheListedGuestsBeChanged()
    {
        await using var server = await StartAsync(allow: "106,150-159");

        (await server.CallWithoutChangesAsync("start_vm", new { vmid = 103 }))
            .AssertError("VM 103 is not among the guests this server may change (PROXMOX_MCP_ALLOW=106,150-159); nothing was sent (POST /nodes/pve2/qemu/103/status/start).");
        (await server.CallWithoutChangesAsync("create_vm", new { node = "pve1", vmid = 160 })).AssertError("VM 160 is not among the guests");
        (await server.CallWithoutChangesAsync("create_backup", new { vmids = AllowedAndNot })).AssertError("103 is not among the guests");

        (await server.CallAsync("start_vm", new { vmid = 106 })).AssertSuccess();
        (await server.CallAsync("create_vm", new { node = "pve1", vmid = 151 })).AssertSuccess();
        Assert.True(server.HasGuest(151));
    }

    [Fact]
    public async Task DeleteVm_WithProxmoxsProtectionFlag_IsRefusedWithoutAskingTheUser()
    {
        await using var server = await StartAsync(eliciting: true);

        var result = await server.CallWithoutChangesAsync("delete_vm", new { vmid = 101, confirm = "101" });

        result.AssertError("is protected (protection=1): Proxmox refuses to delete it");
        Assert.Equal(0, questions);
    }

    [Fact]
    public async Task CallApiWrite_DeletingAGuestWithProxmoxsProtectionFlag_IsRefusedWithoutAskingTheUser()
    {
        await using var server = await StartAsync(eliciting: true);

        var result = await server.CallWithoutChangesAsync("call_api_write", new { method = "DELETE", path = "/nodes/pve1/qemu/101", confirm = "DELETE /nodes/pve1/qemu/101" });

        result.AssertError("VM 101 is protected (protection=1): Proxmox refuses to delete it");
        Assert.Contains("update_vm vmid=101 protection=false", result.Text(), StringComparison.Ordinal);
        Assert.Equal(0, questions);
    }

    [Fact]
    public async Task GetVm_ReportsProxmoxsProtectionFlag()
    {
        await using var server = await StartAsync();

        var result = (await server.CallAsync("get_vm", new { vmid = 101 })).AssertSuccess();

        Assert.Contains("PROTECTED (cannot be deleted)", result.Text(), StringComparison.Ordinal);
        Assert.True(result.Structured().GetProperty("protection").GetBoolean());
    }

    private Task<SimulatedServer> StartAsync(string? protect = null, string? allow = null, bool eliciting = false) =>
        SimulatedServer.StartAsync(
            s =>
            {
                s.Proxmox.Protect = GuestRules.Parse(protect, SettingNames.Protect);
                s.Proxmox.Allow = GuestRules.Parse(allow, SettingNames.Allow);
                return s;
            },
            clientOptions: eliciting ? CountingClient() : null);

    /// <summary>A client that can ask the user, counts the questions and agrees to each.</summary>
    private McpClientOptions CountingClient() => new()
    {
        Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability() },
        Handlers = new McpClientHandlers
        {
            ElicitationHandler = (_, _) =>
            {
                Interlocked.Increment(ref questions);
                return ValueTask.FromResult(new ElicitResult { Action = "accept", Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(true) } });
            },
        },
    };
}
