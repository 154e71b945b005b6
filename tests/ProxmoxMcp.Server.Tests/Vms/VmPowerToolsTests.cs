using ProxmoxMcp.Server.Tests.Guests;
using ProxmoxMcp.Server.Tests.Support;

namespace ProxmoxMcp.Server.Tests.Vms;

public class VmPowerToolsTests
{
    [Fact]
    public async Task StartVm_StartsAStoppedVmAndWaitsForTheTask()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("start_vm", new { vmid = 106 })).AssertSuccess();

        Assert.Equal("completed", result.Status());
        Assert.Equal("running", server.Guest(106).Status);
        Assert.Contains("Start VM 106 'test-vm' on pve1: completed", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartVm_WhenAlreadyRunning_SaysSoWithoutStartingATask()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("start_vm", new { vmid = 100 });

        result.AssertSuccess();
        Assert.Contains("VM 100 'web01' on pve1 is already running: nothing was sent and no task started", result.Text(), StringComparison.Ordinal);
        Assert.Equal("done", result.Status());
        Assert.Null(result.Structured().String("upid"));
    }

    [Fact]
    public async Task StartVm_WhenPaused_PointsToResumeWithoutAWrite()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("start_vm", new { vmid = 104 });

        result.AssertError("is paused");
        Assert.Contains("resume_vm", result.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stop_vm")]
    [InlineData("shutdown_vm")]
    public async Task StopOrShutdownVm_WhenAlreadyStopped_SaysSoWithoutAWriteOrConfirmation(string tool)
    {
        await using var server = await SimulatedServer.StartAsync(s => s with { Confirmation = global::ProxmoxMcp.Server.Configuration.ConfirmationMode.Argument });

        var result = await server.CallWithoutChangesAsync(tool, new { vmid = 106 });

        result.AssertSuccess();
        Assert.Contains("is already stopped: nothing was sent", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResumeVm_WhenRunning_SaysSoWithoutAWrite()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("resume_vm", new { vmid = 100 });

        result.AssertSuccess();
        Assert.Contains("already running", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartVm_WhenTemplate_RefusesBeforeAnyPowerRequest()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("start_vm", new { vmid = 9000 });

        result.AssertError("is a template");
        Assert.Contains("clone_vm", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartVm_WithWaitFalse_ReturnsTheTaskIdAtOnce()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("start_vm", new { vmid = 106, wait = false })).AssertSuccess();

        Assert.Equal("started", result.Status());
        Assert.StartsWith("UPID:pve1:", result.Structured().String("upid"), StringComparison.Ordinal);
        Assert.Contains("wait_for_task", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartVm_WhenNodeIsWrong_StartsItOnItsNodeWithANote()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("start_vm", new { vmid = 106, node = "pve2" })).AssertSuccess();

        Assert.Equal("running", server.Guest(106).Status);
        server.Change("POST", "/nodes/pve1/qemu/106/status/start");
        Assert.Contains("is on node pve1, not pve2", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopVm_WithoutConfirm_AsksForConsentAndLeavesItRunning()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("stop_vm", new { vmid = 100 });

        result.AssertError("Confirmation needed");
        Assert.Contains("confirm=\"100\"", result.Text(), StringComparison.Ordinal);
        Assert.Equal("running", server.Guest(100).Status);
    }

    [Fact]
    public async Task StopVm_WithAWrongConfirm_RefusesAndLeavesItRunning()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("stop_vm", new { vmid = 100, confirm = "101" });

        result.AssertError("does not match");
        Assert.Equal("running", server.Guest(100).Status);
    }

    [Fact]
    public async Task StopVm_WithConfirm_HardStopsIt()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("stop_vm", new { vmid = 100, confirm = "100" })).AssertSuccess();

        Assert.Equal("stopped", server.Guest(100).Status);
        server.Change("POST", "/nodes/pve1/qemu/100/status/stop");
    }

    [Fact]
    public async Task StopVm_WhenTheUserAcceptsTheElicitation_StopsIt()
    {
        await using var server = await SimulatedServer.StartAsync(clientOptions: GuestTestSupport.ElicitingClient(accept: true));

        (await server.CallAsync("stop_vm", new { vmid = 100 })).AssertSuccess();

        Assert.Equal("stopped", server.Guest(100).Status);
    }

    [Fact]
    public async Task StopVm_WhenTheUserDeclinesTheElicitation_LeavesItRunning()
    {
        await using var server = await SimulatedServer.StartAsync(clientOptions: GuestTestSupport.ElicitingClient(accept: false));

        var result = await server.CallWithoutChangesAsync("stop_vm", new { vmid = 100 });

        result.AssertError("the user declined in the client");
        Assert.Equal("running", server.Guest(100).Status);
    }

    [Fact]
    public async Task ShutdownVm_ShutsDownCleanlyWithoutConfirmation()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("shutdown_vm", new { vmid = 100, timeout = 30 })).AssertSuccess();

        Assert.Equal("stopped", server.Guest(100).Status);
        var request = server.Change("POST", "/nodes/pve1/qemu/100/status/shutdown");
        Assert.Equal("30", request.Param("timeout"));
        Assert.Null(request.Param("forceStop"));
    }

    [Fact]
    public async Task ShutdownVm_WithForceStop_NeedsConfirmation()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("shutdown_vm", new { vmid = 100, force_stop = true });

        result.AssertError("Confirmation needed");
        Assert.Contains("hard-stops", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShutdownVm_WithForceStopAndConfirm_SendsForceStop()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("shutdown_vm", new { vmid = 100, force_stop = true, timeout = 10, confirm = "100" })).AssertSuccess();

        Assert.Equal("stopped", server.Guest(100).Status);
        Assert.Equal("1", server.Change("POST", "/nodes/pve1/qemu/100/status/shutdown").Param("forceStop"));
    }

    [Fact]
    public async Task ShutdownVm_WhenTimeoutIsNegative_NamesTheArgument()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutRequestsAsync("shutdown_vm", new { vmid = 100, timeout = -5 });

        result.AssertError("'timeout'");
    }

    [Fact]
    public async Task RebootVm_RebootsARunningVm()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("reboot_vm", new { vmid = 100 })).AssertSuccess();

        Assert.Equal("completed", result.Status());
        Assert.Equal("running", server.Guest(100).Status);
        server.Change("POST", "/nodes/pve1/qemu/100/status/reboot");
    }

    [Fact]
    public async Task RebootVm_WhenStopped_RefusesWithoutAWrite()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("reboot_vm", new { vmid = 106 });

        result.AssertError("is stopped, so it cannot be rebooted; start_vm starts it. Nothing was sent.");
    }

    [Fact]
    public async Task ResetVm_WithoutConfirm_AsksForConsent()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("reset_vm", new { vmid = 100 });

        result.AssertError("Confirmation needed");
        Assert.Contains("reset button", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetVm_WithConfirm_ResetsIt()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("reset_vm", new { vmid = 100, confirm = "100" })).AssertSuccess();

        server.Change("POST", "/nodes/pve1/qemu/100/status/reset");
        Assert.Equal("running", server.Guest(100).Status);
    }

    [Fact]
    public async Task SuspendVm_PausesItAndResumeVm_ContinuesIt()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("suspend_vm", new { vmid = 100 })).AssertSuccess();
        Assert.Equal("paused", server.Guest(100).Status);

        (await server.CallAsync("resume_vm", new { vmid = 100 })).AssertSuccess();
        Assert.Equal("running", server.Guest(100).Status);
    }

    [Fact]
    public async Task ResumeVm_WhenStopped_IsAToolError()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("resume_vm", new { vmid = 106 });

        Assert.True(result.IsError);
        Assert.Equal("stopped", server.Guest(106).Status);
    }
}
