using ProxmoxMcp.Server.Tests.Guests;
using ProxmoxMcp.Server.Tests.Support;
using ProxmoxMcp.Server.Tests.Vms;
using ProxmoxMcp.Simulator;

namespace ProxmoxMcp.Server.Tests.Containers;

public class ContainerReadAndPowerTests
{
    [Fact]
    public async Task GetContainers_ListsOnlyContainersSortedByVmid()
    {
        await using var server = await SimulatedServer.StartAsync();

        var ids = VmReadToolsTests.Vmids(await server.CallAsync("get_containers"));

        Assert.Equal(ids.Order(), ids);
        Assert.Contains(200, ids);
        Assert.Contains(9100, ids);
        Assert.DoesNotContain(100, ids);
    }

    [Fact]
    public async Task GetContainers_FiltersByNodeAndStatus()
    {
        await using var server = await SimulatedServer.StartAsync();

        var items = VmReadToolsTests.Items(await server.CallAsync("get_containers", new { node = "pve1", status = "stopped" }));

        Assert.Contains(items, g => g.GetProperty("vmid").GetInt32() == 204);
        Assert.All(items, g => Assert.Equal(("pve1", "stopped"), (g.GetProperty("node").GetString(), g.GetProperty("status").GetString())));
    }

    [Fact]
    public async Task GetContainers_OnA5000GuestEstate_PagesWithOneRequestPerCall()
    {
        await using var server = await SimulatedServer.StartAsync(simulator: new SimulatorOptions
        {
            Estate = EstateSize.Large(5, 5000),
            TaskDuration = TimeSpan.FromMilliseconds(100),
        });
        var before = server.Cluster.Requests.Count;

        var result = (await server.CallAsync("get_containers", new { node = "pve2", limit = 20, offset = 20 })).AssertSuccess();

        Assert.Equal(before + 1, server.Cluster.Requests.Count);
        var page = result.Structured().GetProperty("page");
        Assert.Equal((20, 20, 40), (page.GetProperty("offset").GetInt32(), page.GetProperty("returned").GetInt32(), page.GetProperty("next_offset").GetInt32()));
        Assert.All(VmReadToolsTests.Items(result), g => Assert.Equal("pve2", g.GetProperty("node").GetString()));
        Assert.Contains("Showing 21-40 of", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetContainer_ReturnsHostnameVolumesNetworkAndPrivilege()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("get_container", new { vmid = 200 })).AssertSuccess();

        var ct = result.Structured();
        Assert.Equal(("dns01", "running", "lxc"), (ct.String("name"), ct.String("status"), ct.String("type")));
        Assert.Contains(ct.GetProperty("disks").EnumerateArray(), d => d.String("key") == "rootfs");
        Assert.Contains(ct.GetProperty("nics").EnumerateArray(), n => n.String("model") == "eth0");
        Assert.True(ct.TryGetProperty("unprivileged", out _));
        Assert.StartsWith("Container 200 'dns01' on pve1: running", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetContainerConfig_ReturnsEveryKeyAndTheDigest()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("get_container_config", new { vmid = 200 })).AssertSuccess();

        Assert.Equal(server.Guest(200).Config["rootfs"], result.Structured().GetProperty("config").String("rootfs"));
        Assert.False(string.IsNullOrEmpty(result.Structured().String("digest")));
    }

    [Fact]
    public async Task GetContainerMetrics_SummarisesTheHistory()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("get_container_metrics", new { vmid = 200 })).AssertSuccess();

        Assert.Equal("hour", result.Structured().String("timeframe"));
        Assert.Contains("container 200 'dns01' on pve1", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartContainer_StartsAStoppedContainer()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("start_container", new { vmid = 204 })).AssertSuccess();

        Assert.Equal("running", server.Guest(204).Status);
        server.Change("POST", "/nodes/pve1/lxc/204/status/start");
    }

    [Fact]
    public async Task StartContainer_WhenAlreadyRunning_SaysSoWithoutAWrite()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("start_container", new { vmid = 200 });

        result.AssertSuccess();
        Assert.Contains("Container 200 'dns01' on pve1 is already running: nothing was sent", result.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stop_container")]
    [InlineData("shutdown_container")]
    public async Task StopOrShutdownContainer_WhenStopped_SaysAlreadyStoppedInsteadOfHttp500(string tool)
    {
        await using var server = await SimulatedServer.StartAsync(s => s with { Confirmation = global::ProxmoxMcp.Server.Configuration.ConfirmationMode.Argument });

        var result = await server.CallWithoutChangesAsync(tool, new { vmid = 204 });

        result.AssertSuccess();
        Assert.Contains("Container 204 'wiki' on pve1 is already stopped: nothing was sent", result.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("HTTP 500", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartContainer_WhenTemplate_RefusesBeforeAnyPowerRequest()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("start_container", new { vmid = 9100 });

        result.AssertError("is a template");
        Assert.Contains("clone_container", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopContainer_WithoutConfirm_AsksForConsentAndLeavesItRunning()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("stop_container", new { vmid = 200 });

        result.AssertError("Confirmation needed");
        Assert.Equal("running", server.Guest(200).Status);
    }

    [Fact]
    public async Task StopContainer_WithConfirm_StopsIt()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("stop_container", new { vmid = 200, confirm = "200" })).AssertSuccess();

        Assert.Equal("stopped", server.Guest(200).Status);
    }

    [Fact]
    public async Task ShutdownContainer_ShutsItDownWithoutConfirmation()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("shutdown_container", new { vmid = 200, timeout = 20 })).AssertSuccess();

        Assert.Equal("stopped", server.Guest(200).Status);
        Assert.Equal("20", server.Change("POST", "/nodes/pve1/lxc/200/status/shutdown").Param("timeout"));
    }

    [Fact]
    public async Task ShutdownContainer_WithForceStop_NeedsConfirmation()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("shutdown_container", new { vmid = 200, force_stop = true });

        result.AssertError("Confirmation needed");
    }

    [Fact]
    public async Task RebootContainer_RebootsARunningContainer()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("reboot_container", new { vmid = 200 })).AssertSuccess();

        Assert.Equal("completed", result.Status());
        Assert.Equal("running", server.Guest(200).Status);
        server.Change("POST", "/nodes/pve1/lxc/200/status/reboot");
    }

    [Fact]
    public async Task ContainerTools_OfferNoSuspendResumeOrReset()
    {
        await using var server = await SimulatedServer.StartAsync();

        var names = (await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).Select(t => t.Name).ToList();

        Assert.DoesNotContain("suspend_container", names);
        Assert.DoesNotContain("resume_container", names);
        Assert.DoesNotContain("reset_container", names);
        Assert.Contains("suspend_vm", names);
    }
}
