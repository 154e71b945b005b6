using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Tests.Guests;
using ProxmoxMcp.Server.Tests.Support;
using ProxmoxMcp.Simulator;

namespace ProxmoxMcp.Server.Tests.Containers;

public class ContainerSettingsTests
{
    private static readonly string[] Tags = ["tags"];

    [Fact]
    public async Task UpdateContainer_ChangesSettingsWithPutAndTheDigest()
    {
        await using var server = await SimulatedServer.StartAsync();
        var digest = (await server.CallAsync("get_container_config", new { vmid = 204 })).Structured().String("digest");

        var result = (await server.CallAsync("update_container", new { vmid = 204, hostname = "wiki2", memory = 2048, swap = 0, cpulimit = 1.5 })).AssertSuccess();

        var config = server.Guest(204).Config;
        Assert.Equal(("wiki2", "2048", "0", "1.5"), (config["hostname"], config["memory"], config["swap"], config["cpulimit"]));
        var request = server.Change("PUT", "/nodes/pve1/lxc/204/config");
        Assert.Equal(digest, request.Param("digest"));
        Assert.Contains("hostname: wiki -> wiki2", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateContainer_WhenSomeoneChangesTheConfigBetweenReadAndWrite_IsRefusedByTheDigest()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await SimulatedServer.StartAsync(simulator: new SimulatorOptions { Time = clock, TaskDuration = TimeSpan.FromMilliseconds(100) });
        var holdOurWrite = server.Cluster.Faults.AddLatency(TimeSpan.FromMinutes(1), "PUT", "/nodes/pve1/lxc/204/config", count: 1);

        var ours = server.CallAsync("update_container", new { vmid = 204, description = "ours" });
        while (holdOurWrite.Hits == 0)
        {
            // our tool has read the config (and its digest) and its write is now held by the simulator
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        var someoneElse = server.Services.GetRequiredService<ProxmoxClient>();
        await someoneElse.UpdateContainerConfigAsync(
            NodeName.Parse("pve1"), VmId.From(204), new GuestConfigChange(new Dictionary<string, string> { ["memory"] = "768" }, []), TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMinutes(1));
        var result = await ours;

        result.AssertError("changed by other user");
        Assert.Equal("768", server.Guest(204).Config["memory"]);
        Assert.NotEqual("ours", server.Guest(204).Config.GetValueOrDefault("description"));
    }

    [Theory]
    [InlineData("memory", 8, "'memory' '8' is not valid")]
    [InlineData("swap", -1, "'swap' '-1' is not valid")]
    [InlineData("hostname", "bad_host", "'hostname' 'bad_host' is not a valid name")]
    public async Task UpdateContainer_WhenAValueIsInvalid_NamesTheArgumentBeforeAnyRequest(string argument, object value, string message)
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutRequestsAsync("update_container", new Dictionary<string, object?> { ["vmid"] = 204, [argument] = value });

        result.AssertError(message);
    }

    [Theory]
    [InlineData("mp0", "host paths")]
    [InlineData("rootfs", "resize_container_disk")]
    [InlineData("features", "security boundary")]
    [InlineData("unprivileged", "security boundary")]
    [InlineData("lxc.cgroup2.devices.allow", "raw LXC keys")]
    [InlineData("dev0", "host hardware")]
    [InlineData("sockets", "not a setting update_container changes")]
    public async Task UpdateContainer_RefusesKeysItDoesNotChange(string key, string reason)
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutRequestsAsync("update_container", new { vmid = 204, config = new Dictionary<string, object> { [key] = "1" } });

        result.AssertError(reason);
    }

    [Fact]
    public async Task UpdateContainer_DeleteRemovesSettings()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("update_container", new { vmid = 200, delete = Tags })).AssertSuccess();

        Assert.False(server.Guest(200).Config.ContainsKey("tags"));
    }

    [Fact]
    public async Task ResizeContainerDisk_GrowsTheRootFilesystem()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("resize_container_disk", new { vmid = 200, disk = "rootfs", size = "+2G" })).AssertSuccess();

        Assert.Contains("size=10G", server.Guest(200).Config["rootfs"], StringComparison.Ordinal);
        server.Change("PUT", "/nodes/pve1/lxc/200/resize");
        Assert.Contains("Proxmox grows the container's filesystem", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResizeContainerDisk_WhenDiskIsAVmDiskKey_RefusesBeforeAnyRequest()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutRequestsAsync("resize_container_disk", new { vmid = 200, disk = "scsi0", size = "+2G" });

        result.AssertError("container disks are rootfs and mp0-mp255");
    }

    [Fact]
    public async Task ResizeContainerDisk_WhenTheMountPointDoesNotExist_ListsTheVolumes()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("resize_container_disk", new { vmid = 200, disk = "mp3", size = "+2G" });

        result.AssertError("has no disk mp3");
        Assert.Contains("rootfs", result.Text(), StringComparison.Ordinal);
    }
}
