using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Tests.Conventions;
using ProxmoxMcp.Server.Tests.Guests;
using ProxmoxMcp.Server.Tests.Support;

namespace ProxmoxMcp.Server.Tests.Agent;

// Demo estate: VM 100 (pve1) runs qemu-guest-agent; VM 102 has agent=1 but no agent answers; VM 103 (stopped) has no
// agent configured; CT 200 runs, CT 202 is stopped.
public class AgentToolsTests
{
    private static string[] Cmd(params string[] parts) => parts;

    private static Task<SimulatedServer> StartWithExecAsync(params string[] allow) =>
        SimulatedServer.StartAsync(s => s with { GuestExec = GuestExecMode.AllowList, GuestExecAllow = allow });

    [Fact]
    public async Task GetGuestNetwork_OfVmWithAgent_ReturnsItsIpv4FromTheAgent()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("get_guest_network", new { vmid = 100 })).AssertSuccess();

        var ip = result.Structured().String("primary_ipv4");
        Assert.NotNull(ip);
        Assert.DoesNotContain("127.", ip, StringComparison.Ordinal);
        Assert.Contains(ip, result.Text(), StringComparison.Ordinal);
        Assert.Contains(server.Cluster.Requests.Entries, e => e.Path == "/nodes/pve1/qemu/100/agent/network-get-interfaces" && e.Status == 200);
    }

    [Fact]
    public async Task GetGuestNetwork_OfContainer_AsksTheHostNotAnAgent()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("get_guest_network", new { vmid = 200 })).AssertSuccess();

        Assert.Equal("lxc", result.Structured().String("type"));
        Assert.NotNull(result.Structured().String("primary_ipv4"));
        Assert.Contains(server.Cluster.Requests.Entries, e => e.Path == "/nodes/pve1/lxc/200/interfaces");
    }

    [Fact]
    public async Task GetGuestNetwork_WhenAgentDoesNotAnswer_SaysTheAgentIsNotRunning()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("get_guest_network", new { vmid = 102 })).AssertError("QEMU guest agent is not running");
    }

    [Fact]
    public async Task GetGuestNetwork_WhenAgentNotConfigured_SaysHowToEnableIt()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("get_guest_network", new { vmid = 103 })).AssertError("No QEMU guest agent configured");
        Assert.Contains("agent=1", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetGuestNetwork_OfStoppedContainer_SaysItIsNotRunning()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("get_guest_network", new { vmid = 202 })).AssertError("not running");
    }

    [Fact]
    public async Task GetGuestOs_OfVmWithAgent_ReturnsOsAndHostname()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("get_guest_os", new { vmid = 100 })).AssertSuccess();

        Assert.Equal("web01", result.Structured().String("hostname"));
        Assert.Contains("Debian", result.Structured().String("os"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetGuestOs_OnContainer_SaysOnlyVmsHaveAnAgent()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("get_guest_os", new { vmid = 200 })).AssertError("container");
        Assert.DoesNotContain(server.Cluster.Requests.Entries, e => e.Path.Contains("/agent/", StringComparison.Ordinal));
        Assert.Contains("get_guest_network", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GuestExec_ByDefault_IsNotListed()
    {
        await using var server = await SimulatedServer.StartAsync();

        var tools = await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.DoesNotContain(tools, t => t.Name == "run_guest_command");
        Assert.Contains(tools, t => t.Name == "get_guest_network");
    }

    [Fact]
    public async Task GuestExec_WhenEnabled_IsListedAsDestructive()
    {
        await using var server = await StartWithExecAsync("uptime");

        var tools = await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        var exec = Assert.Single(tools, t => t.Name == "run_guest_command");
        Assert.True(exec.ProtocolTool.Annotations?.DestructiveHint);
    }

    [Fact]
    public async Task GuestExec_ProgramOutsideAllowList_IsRefusedBeforeAnyRequest()
    {
        await using var server = await StartWithExecAsync("uptime", "systemctl");

        var result = await server.CallWithoutRequestsAsync("run_guest_command", new { vmid = 100, command = Cmd("rm", "-rf", "/"), confirm = "100" });

        result.AssertError("not in this server's run_guest_command allow-list");
    }

    [Fact]
    public async Task GuestExec_WithoutConfirm_AsksAndRunsNothing()
    {
        await using var server = await StartWithExecAsync("uptime");

        (await server.CallAsync("run_guest_command", new { vmid = 100, command = Cmd("uptime") })).AssertError("confirm=\"100\"");

        Assert.DoesNotContain(server.Cluster.Requests.Entries, e => e.Path.EndsWith("/agent/exec", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GuestExec_Confirmed_ReturnsExitCodeAndOutput()
    {
        await using var server = await StartWithExecAsync("systemctl");

        var result = (await server.CallCheckedAsync("run_guest_command", new { vmid = 100, command = Cmd("systemctl", "is-active", "nginx"), confirm = "100" })).AssertSuccess();

        Assert.Equal(0, result.Structured().GetProperty("exit_code").GetInt32());
        Assert.Equal("active\n", result.Structured().String("stdout"));
        var exec = Assert.Single(server.Cluster.Requests.Entries, e => e.Path == "/nodes/pve1/qemu/100/agent/exec");
        Assert.Equal("""{"command":["systemctl","is-active","nginx"]}""", exec.JsonBody);
        Assert.Contains(server.Cluster.Requests.Entries, e => e.Path == "/nodes/pve1/qemu/100/agent/exec-status" && e.Status == 200);
    }

    [Fact]
    public async Task GuestExec_SingleWordCommand_IsSentAsAnArray()
    {
        await using var server = await StartWithExecAsync("hostname");

        var result = (await server.CallAsync("run_guest_command", new { vmid = 100, command = Cmd("hostname"), confirm = "100" })).AssertSuccess();

        Assert.Equal("web01\n", result.Structured().String("stdout"));
    }

    [Fact]
    public async Task GuestExec_LongerThanTimeout_ReturnsStillRunning()
    {
        await using var server = await StartWithExecAsync("sleep");

        var result = (await server.CallCheckedAsync("run_guest_command", new { vmid = 100, command = Cmd("sleep", "600"), timeout = 1, confirm = "100" })).AssertSuccess();

        Assert.False(result.Structured().GetProperty("exited").GetBoolean());
        Assert.Contains("still running", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GuestExec_LargeOutput_IsTruncated()
    {
        await using var server = await StartWithExecAsync("cat");

        var result = (await server.CallAsync("run_guest_command", new { vmid = 100, command = Cmd("cat", "/var/log/syslog"), confirm = "100" })).AssertSuccess();

        Assert.Equal(4096, result.Structured().String("stdout")!.Length);
        Assert.True(result.Structured().GetProperty("truncated").GetBoolean());
    }

    [Theory]
    [InlineData("a\0b")]
    [InlineData("")]
    public async Task GuestExec_HostileCommand_NeverReachesProxmox(string program)
    {
        await using var server = await StartWithExecAsync("uptime");

        var result = await server.CallWithoutRequestsAsync("run_guest_command", new { vmid = 100, command = Cmd(program), confirm = "100" });

        Assert.True(result.IsError);
    }

    [Fact]
    public async Task GuestExec_TooManyItems_NeverReachesProxmox()
    {
        await using var server = await StartWithExecAsync("echo");

        var result = await server.CallWithoutRequestsAsync("run_guest_command", new { vmid = 100, command = Enumerable.Repeat("echo", 65).ToArray(), confirm = "100" });

        result.AssertError("at most 64");
    }

    [Fact]
    public async Task GuestFileRead_ReadsAtMostMaxBytes()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("read_guest_file", new { vmid = 100, path = "/var/log/syslog", max_bytes = 1000 })).AssertSuccess();

        Assert.Equal(1000, result.Structured().String("content")!.Length);
        Assert.True(result.Structured().GetProperty("truncated").GetBoolean());
        Assert.Equal("1000", Assert.Single(server.Cluster.Requests.Entries, e => e.Path.EndsWith("/agent/file-read", StringComparison.Ordinal)).Param("count"));
    }

    [Fact]
    public async Task GuestFileRead_MissingFile_ReportsTheAgentsError()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("read_guest_file", new { vmid = 100, path = "/etc/nothing" })).AssertError("No such file or directory");
    }

    [Theory]
    [InlineData("relative/path")]
    [InlineData("/etc/\npasswd")]
    public async Task GuestFileRead_BadPath_NeverReachesProxmox(string path)
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallWithoutRequestsAsync("read_guest_file", new { vmid = 100, path })).AssertError("absolute path");
    }
}
