using ModelContextProtocol;
using ProxmoxMcp.Server.Tests.Conventions;
using ProxmoxMcp.Server.Tests.Guests;
using ProxmoxMcp.Server.Tests.Support;

namespace ProxmoxMcp.Server.Tests.Provisioning;

// Demo estate: VM 9000 on pve1 is a cloud-init template with qemu-guest-agent (its clones have it); CT template volume
// local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst exists on every node.
public class ProvisioningToolsTests
{
    private const string Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice@laptop";
    private const string Key2 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 bob@desk";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProvisionVm_FromTemplate_ReturnsTheStaticIpInOneCallWithProgress()
    {
        await using var server = await SimulatedServer.StartAsync();
        var notifications = new List<ProgressNotificationValue>();
        var arguments = new Dictionary<string, object?>
        {
            ["template"] = 9000, ["name"] = "web-07", ["ciuser"] = "alice", ["sshkeys"] = Key + "\n" + Key2,
            ["ip"] = "192.168.10.57/24", ["gateway"] = "192.168.10.1", ["nameserver"] = "1.1.1.1, 9.9.9.9", ["disk_size"] = 32,
        };

        var result = await server.Client.CallToolAsync("provision_vm", arguments, new Collect(notifications), cancellationToken: Ct);

        result.AssertSuccess();
        var data = result.Structured();
        Assert.Equal("192.168.10.57", data.String("ip"));
        Assert.Contains("192.168.10.57", result.Text(), StringComparison.Ordinal);
        var vmid = data.GetProperty("vmid").GetInt32();
        var guest = server.Guest(vmid);
        Assert.Equal("running", guest.Status);
        Assert.Equal("ip=192.168.10.57/24,gw=192.168.10.1", guest.Config["ipconfig0"]);
        Assert.Equal("1.1.1.1 9.9.9.9", guest.Config["nameserver"]);
        Assert.Equal("alice", guest.Config["ciuser"]);
        Assert.Equal(Key + "\n" + Key2, Uri.UnescapeDataString(guest.Config["sshkeys"]));
        Assert.Contains("size=32G", guest.Config["scsi0"], StringComparison.Ordinal);
        Assert.Equal(5, data.GetProperty("done").GetArrayLength());
        // IProgress.Report sends its notification without waiting, and the client stops listening at the result, so the
        // last step's notification may race the result; every earlier one has arrived by then.
        for (var waited = 0; notifications.Count < 5 && waited < 1000; waited += 20)
        {
            await Task.Delay(20, Ct);
        }

        Assert.True(notifications.Count >= 4, $"{notifications.Count} progress notifications");
        Assert.StartsWith("clone of template 9000", notifications.OrderBy(n => n.Progress).First().Message, StringComparison.Ordinal);
        Assert.Equal(notifications.Select(n => n.Progress).Order(), notifications.Select(n => n.Progress));
    }

    [Fact]
    public async Task ProvisionVm_SendsSshKeysUrlEncodedOnce()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallCheckedAsync("provision_vm", new { template = 9000, sshkeys = Key, start = false })).AssertSuccess();

        var config = Assert.Single(server.Changes(), e => e.Path.EndsWith("/config", StringComparison.Ordinal));
        Assert.Equal(Uri.EscapeDataString(Key), config.Param("sshkeys"));
        Assert.DoesNotContain(' ', config.Param("sshkeys")!);
    }

    [Fact]
    public async Task ProvisionVm_WithDhcp_ReturnsTheAddressTheAgentReports()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("provision_vm", new { template = 9000, ip = "dhcp", full = true, storage = "local-lvm" })).AssertSuccess();

        Assert.NotNull(result.Structured().String("ip"));
        Assert.Contains("full clone", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProvisionVm_WhenTheGuestAgentNeverAnswers_ReportsWhatWasDone()
    {
        await using var server = await SimulatedServer.StartAsync();
        server.Cluster.SetAgentInstalled(9000, false);

        var result = await server.CallCheckedAsync("provision_vm", new { template = 9000, name = "no-agent", agent_timeout = 10 });

        result.AssertError("cloned template 9000 to VM");
        Assert.Contains("started it; waiting for the guest agent failed", result.Text(), StringComparison.Ordinal);
        Assert.Equal("failed", result.Structured().String("status"));
        var vmid = result.Structured().GetProperty("vmid").GetInt32();
        Assert.Equal("running", server.Guest(vmid).Status);
    }

    [Fact]
    public async Task ProvisionVm_FromAnOrdinaryVm_RefusesBeforeCreatingAnything()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("provision_vm", new { template = 100 });

        result.AssertError("is not a template");
        Assert.Empty(server.Changes());
    }

    [Fact]
    public async Task ProvisionVm_FromMissingTemplate_SaysItDoesNotExist()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("provision_vm", new { template = 9999 })).AssertError("No VM or container with id 9999");
        Assert.Empty(server.Changes());
    }

    [Fact]
    public async Task ProvisionVm_FromContainerTemplate_NamesProvisionContainer()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("provision_vm", new { template = 9100 })).AssertError("provision_container");
    }

    [Fact]
    public async Task ProvisionVm_WhenStorageIsFull_ReportsThatNothingWasCreated()
    {
        await using var server = await SimulatedServer.StartAsync();
        server.Cluster.SetStorageFull("local-lvm", true);
        var before = server.Cluster.Vmids;

        var result = await server.CallCheckedAsync("provision_vm", new { template = 9000, full = true, storage = "local-lvm" });

        result.AssertError("Nothing was changed; clone of template 9000 failed");
        Assert.Contains("insufficient free space", result.Text(), StringComparison.Ordinal);
        Assert.Equal(before, server.Cluster.Vmids);
    }

    [Theory]
    [InlineData("ip", "10.0.0.5")]
    [InlineData("ip", "10.0.0.500/24")]
    [InlineData("sshkeys", "-----BEGIN OPENSSH PRIVATE KEY-----")]
    [InlineData("ciuser", "Root User")]
    [InlineData("nameserver", "dns.example")]
    public async Task ProvisionVm_BadCloudInitArgument_NeverReachesProxmox(string name, string value)
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutRequestsAsync("provision_vm", new Dictionary<string, object> { ["template"] = 9000, [name] = value });

        Assert.True(result.IsError);
    }

    [Fact]
    public async Task ProvisionVm_GatewayWithDhcp_IsRefused()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallWithoutRequestsAsync("provision_vm", new { template = 9000, ip = "dhcp", gateway = "10.0.0.1" })).AssertError("static ip");
    }

    [Fact]
    public async Task SetCloudInit_OnExistingVm_StoresTheSettings()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("set_cloud_init", new { vmid = 106, ciuser = "ops", sshkeys = Key, ip = "10.1.2.3/16", gateway = "10.1.0.1" })).AssertSuccess();

        var config = server.Guest(106).Config;
        Assert.Equal("ops", config["ciuser"]);
        Assert.Equal("ip=10.1.2.3/16,gw=10.1.0.1", config["ipconfig0"]);
        Assert.Equal(Key, Uri.UnescapeDataString(config["sshkeys"]));
        Assert.Contains("1 SSH key", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetCloudInit_OnContainer_NamesTheContainerTool()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("set_cloud_init", new { vmid = 200, ciuser = "ops" })).AssertError("container");
        Assert.Empty(server.Changes());
    }

    [Fact]
    public async Task ProvisionContainer_FromOsTemplate_ReturnsItsIp()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("provision_container", new
        {
            node = "pve2", ostemplate = GuestTestSupport.DebianTemplate, hostname = "cache-01", ssh_public_keys = Key,
            ip = "10.0.5.20/24", gateway = "10.0.5.1", nameserver = "10.0.0.1",
        })).AssertSuccess();

        Assert.Equal("10.0.5.20", result.Structured().String("ip"));
        var vmid = result.Structured().GetProperty("vmid").GetInt32();
        Assert.Equal("running", server.Guest(vmid).Status);
        var create = server.Change("POST", "/nodes/pve2/lxc");
        Assert.Equal(Key, create.Param("ssh-public-keys"));
        Assert.Equal("name=eth0,bridge=vmbr0,ip=10.0.5.20/24,gw=10.0.5.1", create.Param("net0"));
    }

    [Fact]
    public async Task ProvisionContainer_WithMissingOsTemplate_ReportsThatNothingWasCreated()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallCheckedAsync("provision_container", new { node = "pve1", ostemplate = "local:vztmpl/nothing.tar.zst", hostname = "x1" });

        result.AssertError("Nothing was changed; creation failed");
    }

    private sealed class Collect(List<ProgressNotificationValue> into) : IProgress<ProgressNotificationValue>
    {
        private readonly Lock gate = new();

        public void Report(ProgressNotificationValue value)
        {
            lock (gate)
            {
                into.Add(value);
            }
        }
    }
}
