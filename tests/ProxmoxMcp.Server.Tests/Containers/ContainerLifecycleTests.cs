using ProxmoxMcp.Server.Tests.Guests;
using ProxmoxMcp.Server.Tests.Support;

namespace ProxmoxMcp.Server.Tests.Containers;

public class ContainerLifecycleTests
{
    [Fact]
    public async Task CreateContainer_FromATemplateVolume_CreatesAnUnprivilegedContainerWithStaticNetwork()
    {
        await using var server = await SimulatedServer.StartAsync();
        var before = server.Cluster.Vmids;

        var result = (await server.CallAsync("create_container", new
        {
            node = "pve1", ostemplate = GuestTestSupport.DebianTemplate, hostname = "app-ct", memory = 1024, swap = 256, cores = 2,
            storage = "local-lvm", diskSize = "12", bridge = "vmbr0", ip = "192.168.1.50/24", gateway = "192.168.1.1",
            ssh_public_keys = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnly user@host", nesting = true,
        })).AssertSuccess();

        var vmid = server.NewGuest(before);
        var ct = server.Guest(vmid);
        Assert.Equal(("lxc", "app-ct", "pve1", "stopped"), (ct.Type, ct.Name, ct.Node, ct.Status));
        Assert.Equal("1", ct.Config["unprivileged"]);
        Assert.Contains("ip=192.168.1.50/24", ct.Config["net0"], StringComparison.Ordinal);
        var request = server.Change("POST", "/nodes/pve1/lxc");
        Assert.Equal(("local-lvm:12", "nesting=1", "name=eth0,bridge=vmbr0,ip=192.168.1.50/24,gw=192.168.1.1"), (request.Param("rootfs"), request.Param("features"), request.Param("net0")));
        Assert.Null(request.Param("password"));
        Assert.Contains($"New container id: {vmid}.", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateContainer_WithDhcpAndStart_StartsIt()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("create_container", new { node = "pve2", vmid = 700, ostemplate = GuestTestSupport.DebianTemplate, storage = "local-lvm", bridge = "vmbr0", ip = "dhcp", start = true }))
            .AssertSuccess();

        Assert.Equal("running", server.Guest(700).Status);
        Assert.Contains("ip=dhcp", server.Guest(700).Config["net0"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ostemplate", "local:iso/debian-12.7.0-amd64-netinst.iso", "is not a container template")]
    [InlineData("ip", "192.168.1.500/24", "'ip' '192.168.1.500/24' is not valid")]
    [InlineData("ip", "10.0.0.5", "'ip' '10.0.0.5' is not valid")]
    [InlineData("gateway", "gw.lan", "'gateway' 'gw.lan' is not an IPv4 address")]
    [InlineData("bridge", "vmbr0,rate=1", "'bridge'")]
    [InlineData("ssh_public_keys", "not a key", "is not an OpenSSH public key")]
    [InlineData("hostname", "-bad-", "'hostname' '-bad-' is not a valid name")]
    public async Task CreateContainer_WhenAnArgumentIsMalformed_NamesItBeforeAnyRequest(string argument, string value, string message)
    {
        await using var server = await SimulatedServer.StartAsync();
        var arguments = new Dictionary<string, object?> { ["node"] = "pve1", ["ostemplate"] = GuestTestSupport.DebianTemplate, ["bridge"] = "vmbr0", [argument] = value };

        var result = await server.CallWithoutRequestsAsync("create_container", arguments);

        result.AssertError(message);
    }

    [Fact]
    public async Task CreateContainer_WhenIpHasNoBridge_NamesBridge()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutRequestsAsync("create_container", new { node = "pve1", ostemplate = GuestTestSupport.DebianTemplate, ip = "dhcp" });

        result.AssertError("need 'bridge'");
    }

    [Fact]
    public async Task CreateContainer_HasNoPasswordArgument()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutRequestsAsync("create_container", new { node = "pve1", ostemplate = GuestTestSupport.DebianTemplate, password = "hunter22" });

        result.AssertError("'password' is not an argument of this tool");
        Assert.DoesNotContain("hunter22", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteContainer_WithConfirm_DeletesTheStoppedContainer()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("delete_container", new { vmid = 204, confirm = "204" })).AssertSuccess();

        Assert.False(server.HasGuest(204));
        server.Change("DELETE", "/nodes/pve1/lxc/204");
    }

    [Fact]
    public async Task DeleteContainer_WhenRunning_AdvisesStoppingItFirst()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("delete_container", new { vmid = 200, confirm = "200" });

        result.AssertError("shutdown_container");
        Assert.True(server.HasGuest(200));
    }

    [Fact]
    public async Task DeleteContainer_WhenProtected_SaysHowToLiftIt()
    {
        await using var server = await SimulatedServer.StartAsync();
        (await server.CallAsync("update_container", new { vmid = 204, protection = true })).AssertSuccess();

        var result = await server.CallWithoutChangesAsync("delete_container", new { vmid = 204, confirm = "204" });

        result.AssertError("update_container vmid=204 protection=false");
        Assert.True(server.HasGuest(204));
    }

    [Fact]
    public async Task CloneContainer_FromATemplate_MakesALinkedClone()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("clone_container", new { vmid = 9100, newid = 710, hostname = "from-ct-template" })).AssertSuccess();

        Assert.Equal(("from-ct-template", "pve2"), (server.Guest(710).Name, server.Guest(710).Node));
        Assert.Equal("from-ct-template", server.Change("POST", "/nodes/pve2/lxc/9100/clone").Param("hostname"));
        Assert.Contains("(linked clone)", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloneContainer_LinkedFromAContainerThatIsNoTemplate_IsRefused()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("clone_container", new { vmid = 204, full = false });

        result.AssertError("convert_container_to_template");
    }

    [Fact]
    public async Task MigrateContainer_ARunningContainer_UsesRestartMigration()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("migrate_container", new { vmid = 200, target = "pve2" })).AssertSuccess();

        Assert.Equal(("pve2", "running"), (server.Guest(200).Node, server.Guest(200).Status));
        Assert.Equal("1", server.Change("POST", "/nodes/pve1/lxc/200/migrate").Param("restart"));
        Assert.Contains("unreachable meanwhile", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateContainer_AStoppedContainer_MovesOffline()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("migrate_container", new { vmid = 204, target = "pve3" })).AssertSuccess();

        Assert.Equal("pve3", server.Guest(204).Node);
        Assert.Null(server.Change("POST", "/nodes/pve1/lxc/204/migrate").Param("restart"));
    }

    [Fact]
    public async Task MigrateContainer_ARunningContainerWithoutRestart_IsRefused()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("migrate_container", new { vmid = 200, target = "pve2", restart = false });

        result.AssertError("containers cannot move live");
    }

    [Fact]
    public async Task MigrateContainer_WhenTargetIsUnknown_ListsTheKnownNodes()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("migrate_container", new { vmid = 204, target = "pve4" });

        result.AssertError("no node 'pve4'");
        Assert.Contains("pve1, pve2, pve3", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConvertContainerToTemplate_WithConfirm_MakesItATemplate()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("convert_container_to_template", new { vmid = 204, confirm = "204" })).AssertSuccess();

        Assert.True(server.Guest(204).Template);
        server.Change("POST", "/nodes/pve1/lxc/204/template");
    }

    [Fact]
    public async Task ConvertContainerToTemplate_WithoutConfirm_ChangesNothing()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutChangesAsync("convert_container_to_template", new { vmid = 204 });

        result.AssertError("Confirmation needed");
        Assert.False(server.Guest(204).Template);
    }
}
