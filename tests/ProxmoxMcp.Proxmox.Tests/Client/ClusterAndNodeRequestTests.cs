using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Proxmox.Tests.Support;
using static ProxmoxMcp.Proxmox.Tests.Support.TestIds;

namespace ProxmoxMcp.Proxmox.Tests.Client;

public sealed class ClusterAndNodeRequestTests
{
    [Fact]
    public async Task GetVersion_GetsVersionAndReadsIt()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/version").RespondSample("version.json");

        var version = await pve.Client.GetVersionAsync(Ct);

        pve.Only().ShouldBeGet("/version");
        Assert.False(string.IsNullOrEmpty(version.Version));
    }

    [Fact]
    public async Task GetClusterStatus_GetsClusterStatus()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/cluster/status").RespondSample("cluster-status.json");

        var status = await pve.Client.GetClusterStatusAsync(Ct);

        pve.Only().ShouldBeGet("/cluster/status");
        Assert.Contains(status, e => e.Type == "cluster");
        Assert.Contains(status, e => e.Type == "node");
    }

    [Theory]
    [InlineData(ClusterResourceType.Vm, "?type=vm")]
    [InlineData(ClusterResourceType.Storage, "?type=storage")]
    [InlineData(ClusterResourceType.Node, "?type=node")]
    [InlineData(ClusterResourceType.Sdn, "?type=sdn")]
    [InlineData(null, "")]
    public async Task GetClusterResources_SendsTypeFilterInQueryOnly(ClusterResourceType? type, string query)
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/cluster/resources").RespondSample("cluster-resources.json");

        var resources = await pve.Client.GetClusterResourcesAsync(type, Ct);

        pve.Only().ShouldBeGet("/cluster/resources" + query);
        Assert.NotEmpty(resources);
    }

    [Theory]
    [InlineData("\"104\"")]
    [InlineData("104")]
    public async Task GetNextVmId_ReadsStringOrNumber(string data)
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/cluster/nextid").RespondData(data);

        var next = await pve.Client.GetNextVmIdAsync(Ct);

        pve.Only().ShouldBeGet("/cluster/nextid");
        Assert.Equal(VmId.From(104), next);
    }

    [Fact]
    public async Task GetClusterTasks_GetsClusterTasks()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/cluster/tasks").RespondSample("node-tasks.json");

        var tasks = await pve.Client.GetClusterTasksAsync(Ct);

        pve.Only().ShouldBeGet("/cluster/tasks");
        Assert.NotEmpty(tasks);
    }

    [Fact]
    public async Task GetPermissions_EscapesPathInQuery()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/access/permissions").RespondData("""{"/vms/100":{"VM.Audit":1,"VM.PowerMgmt":0}}""");

        var permissions = await pve.Client.GetPermissionsAsync("/vms/100", Ct);

        pve.Only().ShouldBeGet("/access/permissions?path=%2Fvms%2F100");
        Assert.Equal(1, permissions["/vms/100"]["VM.Audit"]);
    }

    [Fact]
    public async Task GetPermissions_WithoutPath_SendsNoQuery()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/access/permissions").RespondData("{}");

        await pve.Client.GetPermissionsAsync(cancellationToken: Ct);

        pve.Only().ShouldBeGet("/access/permissions");
    }

    [Fact]
    public async Task GetNodes_GetsNodesWithFingerprints()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes").RespondSample("nodes.json");

        var nodes = await pve.Client.GetNodesAsync(Ct);

        pve.Only().ShouldBeGet("/nodes");
        Assert.All(nodes, n => Assert.False(string.IsNullOrEmpty(n.Node)));
        Assert.Contains(nodes, n => n.SslFingerprint is { Length: 95 });
    }

    [Fact]
    public async Task GetNodeStatus_GetsNodeStatus()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes/pve1/status").RespondSample("node-status-pve9.json");

        var status = await pve.Client.GetNodeStatusAsync(Pve1, Ct);

        pve.Only().ShouldBeGet("/nodes/pve1/status");
        Assert.NotNull(status.Memory);
    }

    [Theory]
    [InlineData(RrdTimeframe.Hour, RrdConsolidation.Average, "timeframe=hour&cf=AVERAGE")]
    [InlineData(RrdTimeframe.Year, RrdConsolidation.Max, "timeframe=year&cf=MAX")]
    public async Task GetNodeRrdData_SendsTimeframeAndConsolidation(RrdTimeframe timeframe, RrdConsolidation cf, string query)
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes/pve1/rrddata").RespondData("""[{"time":1700000000,"cpu":0.05,"memused":1073741824}]""");

        var samples = await pve.Client.GetNodeRrdDataAsync(Pve1, timeframe, cf, Ct);

        pve.Only().ShouldBeGet("/nodes/pve1/rrddata?" + query);
        Assert.Equal(1700000000, Assert.Single(samples).Time);
    }
}
