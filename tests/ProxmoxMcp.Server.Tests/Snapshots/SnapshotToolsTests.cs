using System.Text.Json;
using ProxmoxMcp.Server.Tests.Conventions;
using ProxmoxMcp.Server.Tests.Support;

namespace ProxmoxMcp.Server.Tests.Snapshots;

// Demo estate: VM 100 'web01' (pve1, running) has pre-upgrade -> post-upgrade -> before-php84 (with RAM, parent of "current");
// container 200 'dns01' (pve1, running) has before-update; VM 106 and container 204 are stopped without snapshots.
public class SnapshotToolsTests
{
    [Fact]
    public async Task GetSnapshots_TakenTimes_AreIso8601WithSecondsLikeTheTaskTools()
    {
        await using var server = await SimulatedServer.StartAsync();

        var data = (await server.CallCheckedAsync("get_snapshots", new { vmid = 100 })).AssertSuccess().Structured();

        var taken = data.GetProperty("snapshots").EnumerateArray().Select(s => s.GetProperty("taken").GetString()!).ToList();
        Assert.NotEmpty(taken);
        Assert.All(taken, t => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", t));
    }

    [Fact]
    public async Task GetSnapshots_OfVm_ShowsTheTreeWithTheLiveStateAfterTheNewest()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("get_snapshots", new { vmid = 100 })).AssertSuccess();

        var data = result.Structured();
        Assert.Equal("qemu", data.GetProperty("type").GetString());
        Assert.Equal(["pre-upgrade", "post-upgrade", "before-php84"], Names(data));
        Assert.Equal("post-upgrade", data.GetProperty("snapshots")[2].GetProperty("parent").GetString());
        Assert.True(data.GetProperty("snapshots")[2].GetProperty("vmstate").GetBoolean());
        Assert.Equal("before-php84", data.GetProperty("current_parent").GetString());
        var lines = result.Text().Split('\n');
        Assert.StartsWith("before-php84", lines[^2], StringComparison.Ordinal);
        Assert.Contains("with RAM", lines[^2], StringComparison.Ordinal);
        Assert.StartsWith("NOW: the live state, you are here", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSnapshots_OfContainerWithoutType_FindsTheContainer()
    {
        await using var server = await SimulatedServer.StartAsync();

        var data = (await server.CallCheckedAsync("get_snapshots", new { vmid = 200 })).AssertSuccess().Structured();

        Assert.Equal("lxc", data.GetProperty("type").GetString());
        Assert.Equal(["before-update"], Names(data));
    }

    [Theory]
    [InlineData("container")]
    [InlineData("lxc")]
    public async Task GetSnapshots_OfVmWithContainerType_SaysItIsAVmAndWhichTypeToUse(string type)
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("get_snapshots", new { vmid = 100, type });

        result.AssertError("100 is a VM (QEMU) named 'web01', not a container: call again with type=vm");
    }

    [Fact]
    public async Task GetSnapshots_WithUnknownType_ListsTheTypes()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("get_snapshots", new { vmid = 100, type = "kvm" });

        result.AssertError("type 'kvm' is not one of: vm (or qemu), container (or lxc)");
    }

    [Fact]
    public async Task GetSnapshots_OfMissingGuest_SaysNoSuchGuest()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("get_snapshots", new { vmid = 999_999 });

        result.AssertError("No VM or container with id 999999 exists");
    }

    [Fact]
    public async Task GetSnapshots_WhenNodeGivenIsWrong_UsesTheGuestsNodeAndSaysSo()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("get_snapshots", new { vmid = 200, node = "pve3" })).AssertSuccess();

        Assert.Contains("container 200 is on node pve1, not pve3", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateSnapshot_OfStoppedVm_AddsItAsTheNewParentOfTheLiveState()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("create_snapshot", new { vmid = 106, snapname = "first_one", description = "test run" })).AssertSuccess();

        Assert.Equal("completed", result.Structured().GetProperty("status").GetString());
        Assert.True(server.Cluster.TryGetGuest(106, out var guest));
        Assert.Equal(["first_one"], guest.Snapshots);
        var data = (await server.CallAsync("get_snapshots", new { vmid = 106 })).AssertSuccess().Structured();
        Assert.Equal("first_one", data.GetProperty("current_parent").GetString());
        Assert.Equal("test run", data.GetProperty("snapshots")[0].GetProperty("description").GetString());
    }

    [Fact]
    public async Task CreateSnapshot_OfContainer_UsesTheContainerEndpoint()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("create_snapshot", new { vmid = 204, snapname = "ct_snap", type = "container" })).AssertSuccess();

        Assert.Contains(server.Cluster.Requests.Entries, e => e.Method == "POST" && e.Path == "/nodes/pve1/lxc/204/snapshot");
        Assert.True(server.Cluster.TryGetGuest(204, out var guest));
        Assert.Contains("ct_snap", guest.Snapshots);
    }

    [Fact]
    public async Task CreateSnapshot_WithVmstateOfRunningVm_SendsVmstate()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("create_snapshot", new { vmid = 100, snapname = "with_ram", vmstate = true })).AssertSuccess();

        var data = (await server.CallAsync("get_snapshots", new { vmid = 100 })).Structured();
        var created = data.GetProperty("snapshots").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "with_ram");
        Assert.True(created.GetProperty("vmstate").GetBoolean());
        Assert.Equal("before-php84", created.GetProperty("parent").GetString());
    }

    [Fact]
    public async Task CreateSnapshot_WithVmstateOfContainer_IsRefusedBeforeAnyChange()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("create_snapshot", new { vmid = 200, snapname = "ram", vmstate = true });

        result.AssertError("vmstate (saving the RAM) exists only for VMs");
        Assert.DoesNotContain(server.Cluster.Requests.Entries, e => e.Method == "POST");
    }

    [Theory]
    [InlineData("../../../access")]
    [InlineData("a/b")]
    [InlineData("x")]
    [InlineData("current")]
    public async Task CreateSnapshot_WithInvalidName_IsRefusedBeforeAnyRequest(string snapname)
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("create_snapshot", new { vmid = 100, snapname });

        Assert.True(result.IsError);
        Assert.Contains("snapname", result.Text(), StringComparison.Ordinal);
        Assert.Equal(0, server.Cluster.Requests.Count);
    }

    [Fact]
    public async Task CreateSnapshot_NamedVzdump_IsRefusedAsReserved()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("create_snapshot", new { vmid = 100, snapname = "vzdump" });

        result.AssertError("reserved by Proxmox for backups");
        Assert.Equal(0, server.Cluster.Requests.Count);
    }

    [Fact]
    public async Task CreateSnapshot_WhenNodeHasPathTrick_IsRefusedBeforeAnyRequest()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("create_snapshot", new { vmid = 100, snapname = "ok_name", node = "pve1/../../cluster" });

        result.AssertError("is not a valid node name");
        Assert.Equal(0, server.Cluster.Requests.Count);
    }

    [Fact]
    public async Task CreateSnapshot_WhenTheTaskFails_ReportsProxmoxsErrorText()
    {
        await using var server = await SimulatedServer.StartAsync();
        server.Cluster.Faults.FailNextTask("qmsnapshot", "snapshot feature is not available");

        var result = await server.CallCheckedAsync("create_snapshot", new { vmid = 106, snapname = "doomed" });

        result.AssertError("snapshot feature is not available");
        Assert.Equal("failed", result.Structured().GetProperty("status").GetString());
        Assert.Contains("FAILED", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateSnapshot_WithoutWaiting_ReturnsTheTaskId()
    {
        await using var server = await SimulatedServer.StartAsync();

        var data = (await server.CallCheckedAsync("create_snapshot", new { vmid = 106, snapname = "later", wait = false })).AssertSuccess().Structured();

        Assert.Equal("started", data.GetProperty("status").GetString());
        Assert.Contains(":qmsnapshot:106:", data.GetProperty("upid").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RollbackSnapshot_WithoutConfirm_ExplainsHowToConfirm()
    {
        await using var server = await SimulatedServer.StartAsync(s => s with { Confirmation = global::ProxmoxMcp.Server.Configuration.ConfirmationMode.Argument });

        var result = await server.CallAsync("rollback_snapshot", new { vmid = 100, snapname = "post-upgrade" });

        result.AssertError("Confirmation needed");
        Assert.Contains("confirm=\"post-upgrade\"", result.Text(), StringComparison.Ordinal);
        Assert.Contains("every change made since then", result.Text(), StringComparison.Ordinal);
        Assert.Contains("afterwards it is stopped and stays stopped", result.Text(), StringComparison.Ordinal);
        Assert.True(server.Cluster.TryGetGuest(100, out var guest));
        Assert.Equal("before-php84", guest.SnapshotParent);
    }

    [Fact]
    public async Task RollbackSnapshot_WithWrongConfirm_IsRefused()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("rollback_snapshot", new { vmid = 100, snapname = "post-upgrade", confirm = "pre-upgrade" });

        result.AssertError("confirm 'pre-upgrade' does not match the target 'post-upgrade'");
        Assert.True(server.Cluster.TryGetGuest(100, out var guest));
        Assert.Equal("before-php84", guest.SnapshotParent);
        Assert.DoesNotContain(server.Cluster.Requests.Entries, e => e.Method == "POST");
    }

    [Fact]
    public async Task RollbackSnapshot_WithConfirm_MakesThatSnapshotTheParentOfTheLiveState()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("rollback_snapshot", new { vmid = 100, snapname = "post-upgrade", confirm = "post-upgrade" })).AssertSuccess();

        Assert.Equal("completed", result.Structured().GetProperty("status").GetString());
        var data = (await server.CallAsync("get_snapshots", new { vmid = 100 })).Structured();
        Assert.Equal("post-upgrade", data.GetProperty("current_parent").GetString());
    }

    [Theory]
    [InlineData("post-upgrade", null, "The VM is now stopped; start it with start_vm", "stopped")]
    [InlineData("post-upgrade", true, "The VM is now running.", "running")]
    [InlineData("before-php84", null, "The VM is now running, resumed from the RAM saved in the snapshot.", "running")]
    public async Task RollbackSnapshot_SaysThePowerStateAfterwards(string snapname, bool? start, string expected, string simulatorStatus)
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("rollback_snapshot", new { vmid = 100, snapname, start, confirm = snapname })).AssertSuccess();

        Assert.Contains(expected, result.Text(), StringComparison.Ordinal);
        Assert.True(server.Cluster.TryGetGuest(100, out var guest));
        Assert.Equal(simulatorStatus, guest.Status);
    }

    [Fact]
    public async Task RollbackSnapshot_NotWaitedFor_SaysWhatThePowerStateWillBe()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("rollback_snapshot", new { vmid = 200, snapname = "before-update", confirm = "before-update", wait = false })).AssertSuccess();

        Assert.Contains("When the task ends, the container will be stopped; start it with start_container.", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RollbackSnapshot_OfContainer_Works()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("rollback_snapshot", new { vmid = 200, snapname = "before-update", confirm = "before-update" })).AssertSuccess();

        Assert.Contains(server.Cluster.Requests.Entries, e => e.Method == "POST" && e.Path == "/nodes/pve1/lxc/200/snapshot/before-update/rollback");
    }

    [Fact]
    public async Task RollbackSnapshot_ToMissingSnapshot_ListsTheSnapshots()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("rollback_snapshot", new { vmid = 100, snapname = "nope", confirm = "nope" });

        result.AssertError("VM 100 'web01' on pve1 has no snapshot 'nope'. Its snapshots: pre-upgrade, post-upgrade, before-php84.");
    }

    [Fact]
    public async Task DeleteSnapshot_WithoutConfirm_KeepsTheSnapshot()
    {
        await using var server = await SimulatedServer.StartAsync(s => s with { Confirmation = global::ProxmoxMcp.Server.Configuration.ConfirmationMode.Argument });

        var result = await server.CallAsync("delete_snapshot", new { vmid = 200, snapname = "before-update" });

        result.AssertError("confirm=\"before-update\"");
        Assert.True(server.Cluster.TryGetGuest(200, out var guest));
        Assert.Contains("before-update", guest.Snapshots);
    }

    [Fact]
    public async Task DeleteSnapshot_WithConfirm_RemovesIt()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallCheckedAsync("delete_snapshot", new { vmid = 100, snapname = "pre-upgrade", confirm = "pre-upgrade" })).AssertSuccess();

        var data = (await server.CallAsync("get_snapshots", new { vmid = 100 })).Structured();
        Assert.Equal(["post-upgrade", "before-php84"], Names(data));
    }

    [Fact]
    public async Task DeleteSnapshot_OfGuestWithoutSnapshots_SaysItHasNone()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("delete_snapshot", new { vmid = 204, snapname = "gone", confirm = "gone" });

        result.AssertError("It has no snapshots at all.");
    }

    private static List<string?> Names(JsonElement data) =>
        data.GetProperty("snapshots").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
}
