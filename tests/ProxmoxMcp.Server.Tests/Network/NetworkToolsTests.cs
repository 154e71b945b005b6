using ProxmoxMcp.Server.Tests.Conventions;
using ProxmoxMcp.Server.Tests.Guests;
using ProxmoxMcp.Server.Tests.Support;

namespace ProxmoxMcp.Server.Tests.Network;

public class NetworkToolsTests
{
    [Fact]
    public async Task GetNodeNetwork_ListsBridgesWithAddressGatewayAndPorts()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("get_node_network", new { node = "pve1" })).AssertSuccess();

        Assert.Contains("vmbr0 bridge 10.0.0.11/24 gw 10.0.0.1 ports eno1 # LAN", result.Text(), StringComparison.Ordinal);
        Assert.Contains("vmbr1 bridge (inactive) ports eno2", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetNodeNetwork_WithUnknownType_ReturnsToolErrorAndSendsNothing()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("get_node_network", new { node = "pve1", type = "wifi" })).AssertError("type 'wifi' is not one of bridge, bond");
        Assert.DoesNotContain(server.Cluster.Requests.Entries, e => e.Path.Contains("/network", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetFirewallRules_OfTheCluster_ShowsPolicyRulesInOrderAndSecurityGroups()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("get_firewall_rules")).AssertSuccess();

        var text = result.Text();
        Assert.StartsWith("Firewall of the cluster: enabled; policy in DROP, out ACCEPT; 3 rules.", text, StringComparison.Ordinal);
        Assert.Contains("\n0: GROUP management # admin access everywhere", text, StringComparison.Ordinal);
        Assert.Contains("\n2: IN DROP -p tcp -dport 111 # rpcbind (disabled)", text, StringComparison.Ordinal);
        Assert.Contains("Security groups: webserver, management", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetFirewallRules_OfAVm_UsesTheVmsNodeAndMacroNames()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("get_firewall_rules", new { vmid = 100 })).AssertSuccess();

        Assert.Contains("VM 100 'web01' on pve1: enabled", result.Text(), StringComparison.Ordinal);
        Assert.Contains("1: IN SSH(ACCEPT) -source 10.0.0.0/24 # admins", result.Text(), StringComparison.Ordinal);
        Assert.Contains(server.Cluster.Requests.Entries, e => e.Path.EndsWith("/nodes/pve1/qemu/100/firewall/options", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetFirewallRules_OfAGuestWithoutFirewall_SaysItIsDisabled()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("get_firewall_rules", new { vmid = 200 })).AssertSuccess();

        Assert.StartsWith("Firewall of container 200 'dns01' on pve1: DISABLED (rules not applied); 0 rules.", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSdn_ListsZonesAndVnets()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("get_sdn")).AssertSuccess();

        Assert.Contains("zone dmz: vlan on vmbr0", result.Text(), StringComparison.Ordinal);
        Assert.Contains("vnet dmz10: zone dmz, tag 10 'public web'", result.Text(), StringComparison.Ordinal);
    }
}
