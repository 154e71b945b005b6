using Microsoft.Extensions.Time.Testing;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Proxmox.Protection;

namespace ProxmoxMcp.Proxmox.Tests.Protection;

public sealed class GuestGuardTests
{
    private static readonly IReadOnlyList<ClusterResource> Guests =
    [
        new() { Id = "qemu/100", Type = "qemu", VmId = 100, Node = "pve1", Name = "web", Tags = "prod;web", Pool = "critical" },
        new() { Id = "qemu/101", Type = "qemu", VmId = 101, Node = "pve1", Name = "lab" },
        new() { Id = "lxc/200", Type = "lxc", VmId = 200, Node = "pve2", Name = "dns", Tags = "infra" },
    ];

    private int lookups;

    private GuestGuard Guard(string? protect, string? allow = null, FakeTimeProvider? time = null) => new(
        GuestRules.Parse(protect, "PROXMOX_MCP_PROTECT"),
        GuestRules.Parse(allow, "PROXMOX_MCP_ALLOW"),
        _ =>
        {
            lookups++;
            return Task.FromResult(Guests);
        },
        time ?? new FakeTimeProvider());

    [Theory]
    [InlineData("100")]
    [InlineData("100-150")]
    [InlineData("tag:web")]
    [InlineData("pool:critical")]
    public async Task DestructiveWrite_ToAProtectedGuest_IsRefusedNamingTheRule(string rule)
    {
        var e = await Assert.ThrowsAsync<GuestProtectedException>(() =>
            Guard(rule).CheckAsync("POST", "/nodes/pve1/qemu/100/status/stop", [], TestContext.Current.CancellationToken));

        // The guest's name is known when its tags or pool were looked up.
        var name = rule.Contains(':', StringComparison.Ordinal) ? "VM 100 'web'" : "VM 100";
        Assert.StartsWith($"{name} is protected by PROXMOX_MCP_PROTECT ({rule}); nothing was sent (POST /nodes/pve1/qemu/100/status/stop).", e.Message, StringComparison.Ordinal);
        Assert.Contains("no argument or confirmation overrides this", e.Message, StringComparison.Ordinal);
        Assert.Equal(100, e.VmId);
    }

    [Fact]
    public async Task HarmlessWrite_ToAProtectedGuest_Passes()
    {
        await Guard("100").CheckAsync("POST", "/nodes/pve1/qemu/100/status/start", [], TestContext.Current.CancellationToken);
        await Guard("tag:prod").CheckAsync("POST", "nodes/pve1/qemu/100/snapshot", [new("snapname", "s")], TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Restore_OverAProtectedGuest_IsRefused_ButANewGuestInTheRangeIsNot()
    {
        var guard = Guard("100-199");
        var ct = TestContext.Current.CancellationToken;

        await Assert.ThrowsAsync<GuestProtectedException>(() => guard.CheckAsync("POST", "/nodes/pve1/qemu", [new("vmid", "100"), new("force", "1")], ct));
        await guard.CheckAsync("POST", "/nodes/pve1/qemu", [new("vmid", "150")], ct);
    }

    [Fact]
    public async Task NodeReboot_WithAProtectedGuestOnIt_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var e = await Assert.ThrowsAsync<GuestProtectedException>(() =>
            Guard("tag:prod").CheckAsync("POST", "/nodes/pve1/status", [new("command", "reboot")], ct));

        Assert.Contains("it runs on node pve1", e.Message, StringComparison.Ordinal);
        await Guard("tag:prod").CheckAsync("POST", "/nodes/pve2/status", [new("command", "reboot")], ct);
    }

    [Fact]
    public async Task Allow_RefusesEveryWriteToOtherGuests_StartAndCreateIncluded()
    {
        var guard = Guard(null, "101,tag:infra");
        var ct = TestContext.Current.CancellationToken;

        var e = await Assert.ThrowsAsync<GuestProtectedException>(() => guard.CheckAsync("POST", "/nodes/pve1/qemu/100/status/start", [], ct));
        Assert.StartsWith("VM 100 'web' is not among the guests this server may change (PROXMOX_MCP_ALLOW=101,tag:infra); nothing was sent", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<GuestProtectedException>(() => guard.CheckAsync("POST", "/nodes/pve1/lxc", [new("vmid", "300")], ct));
        await Assert.ThrowsAsync<GuestProtectedException>(() => guard.CheckAsync("POST", "/nodes/pve1/qemu/101/clone", [new("newid", "300")], ct));
        await Assert.ThrowsAsync<GuestProtectedException>(() => guard.CheckAsync("POST", "/nodes/pve1/vzdump", [new("all", "1")], ct));
        await guard.CheckAsync("DELETE", "/nodes/pve1/qemu/101", [], ct);
        await guard.CheckAsync("POST", "/nodes/pve2/lxc/200/status/stop", [], ct);
        await guard.CheckAsync("PUT", "/cluster/options", [new("keyboard", "de")], ct);
    }

    [Fact]
    public async Task TheGuestList_IsFetchedOnlyForTagOrPoolRules_AndForgottenAfterAWrite()
    {
        var ct = TestContext.Current.CancellationToken;
        await Guard("100").CheckAsync("POST", "/nodes/pve1/qemu/101/status/stop", [], ct);
        Assert.Equal(0, lookups);

        var guard = Guard("tag:prod");
        await guard.CheckAsync("POST", "/nodes/pve1/qemu/101/status/stop", [], ct);
        await guard.CheckAsync("POST", "/nodes/pve1/qemu/101/status/stop", [], ct);
        Assert.Equal(1, lookups);
        guard.Forget();
        await guard.CheckAsync("POST", "/nodes/pve1/qemu/101/status/stop", [], ct);
        Assert.Equal(2, lookups);
    }

    [Fact]
    public async Task Reads_AndAnInactiveGuard_NeverLookAnythingUp()
    {
        var ct = TestContext.Current.CancellationToken;
        await Guard("tag:prod").CheckAsync("GET", "/nodes/pve1/qemu/100/status/current", [], ct);
        await Guard(null).CheckAsync("DELETE", "/nodes/pve1/qemu/100", [], ct);
        Assert.Equal(0, lookups);
    }
}
