using System.Text.Json;
using ProxmoxMcp.Proxmox.Json;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Proxmox.Tests.Support;
using static ProxmoxMcp.Proxmox.Tests.Support.TestIds;

namespace ProxmoxMcp.Proxmox.Tests.Json;

/// <summary>Replies are read leniently: types drift between PVE versions, booleans are 0/1, unknown fields appear.</summary>
public sealed class LenientReadingTests
{
    private static ProxmoxJsonContext Context => ProxmoxJsonContext.Default;

    [Fact]
    public async Task ContainerList_FromPve7_ReadsStringVmids()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes/pve1/lxc").RespondSample("lxc-list.json");

        var containers = await pve.Client.GetGuestsAsync(Pve1, GuestType.Lxc, Ct);

        Assert.Contains(containers, c => c.VmId == 106 && c.Name == "test" && c.Status == "running" && c.MaxMem == 536870912);
        Assert.All(containers, c => Assert.True(c.VmId >= 100));
    }

    [Fact]
    public async Task VmList_ReadsNumbersAndIgnoresUnknownFields()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes/pve1/qemu").RespondSample("qemu-list.json");

        var vms = await pve.Client.GetGuestsAsync(Pve1, GuestType.Qemu, Ct);

        var server1 = Assert.Single(vms, v => v.VmId == 100);
        Assert.Equal("server1", server1.Name);
        Assert.Equal(1, server1.Cpus);
        Assert.Equal(1073741824, server1.MaxMem);
        Assert.Equal("web;prod", server1.Tags);
    }

    [Theory]
    [InlineData("\"2048\"")]
    [InlineData("2048")]
    public void GuestConfig_MemoryAsStringOrNumber_IsText(string memory)
    {
        var config = JsonSerializer.Deserialize($$$"""{"memory":{{{memory}}},"cores":2,"template":1,"protection":true,"onboot":false,"digest":"d41d8cd98f00b204e9800998ecf8427e00000000","meta":{"x":1}}""", Context.GuestConfig)!;

        Assert.Equal("2048", config["memory"]);
        Assert.Equal("2", config["cores"]);
        Assert.True(config.IsTemplate);
        Assert.True(config.IsProtected);
        Assert.Equal("0", config["onboot"]);
        Assert.Equal("""{"x":1}""", config["meta"]);
        Assert.Equal("d41d8cd98f00b204e9800998ecf8427e00000000", config.Digest);
        Assert.Null(config["absent"]);
    }

    [Fact]
    public async Task GuestConfig_Sample_KeepsPropertyStringsVerbatim()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes/pve1/qemu/100/config").RespondSample("qemu-config.json");

        var config = await pve.Client.GetGuestConfigAsync(Pve1, GuestType.Qemu, Vm100, Ct);

        Assert.Equal("virtio=BC:24:11:2E:C5:4A,bridge=vmbr0", config["net0"]);
        Assert.Equal("local-lvm:vm-100-disk-0,size=32G", config["scsi0"]);
        Assert.Equal("2048", config["memory"]);
        Assert.False(config.IsTemplate);
    }

    [Fact]
    public async Task ClusterResources_ReadZeroOneBooleans()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/cluster/resources").RespondSample("cluster-resources.json");

        var resources = await pve.Client.GetClusterResourcesAsync(cancellationToken: Ct);

        Assert.Equal(false, Assert.Single(resources, r => r.Id == "qemu/100").Template);
        Assert.Equal(true, Assert.Single(resources, r => r.Id == "qemu/101").Template);
        Assert.Contains(resources, r => r.Type == "node");
        Assert.Contains(resources, r => r.Type == "storage");
    }

    [Fact]
    public async Task NodeStorage_ReadsZeroOneBooleans()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes/pve1/storage").RespondSample("node-storage.json");

        var storages = await pve.Client.GetNodeStoragesAsync(Pve1, cancellationToken: Ct);

        var local = Assert.Single(storages, s => s.Storage == "local");
        Assert.Equal(true, local.Active);
        Assert.Equal(true, local.Enabled);
        Assert.Equal(false, local.Shared);
        Assert.Equal(50000000000, local.Available);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"1\"", true)]
    [InlineData("\"0\"", false)]
    [InlineData("\"true\"", true)]
    [InlineData("\"yes\"", true)]
    [InlineData("\"on\"", true)]
    [InlineData("\"off\"", false)]
    [InlineData("\"\"", false)]
    [InlineData("2", true)]
    [InlineData("1.0", true)]
    [InlineData("0.0", false)]
    public void Booleans_InEveryPveSpelling_AreRead(string json, bool expected)
    {
        var storage = JsonSerializer.Deserialize($$"""[{"storage":"s","active":{{json}}}]""", Context.ListNodeStorage)!;

        Assert.Equal(expected, Assert.Single(storage).Active);
    }

    [Fact]
    public void NullableBoolean_Null_IsNull()
    {
        var storage = JsonSerializer.Deserialize("""[{"storage":"s","active":null}]""", Context.ListNodeStorage)!;

        Assert.Null(Assert.Single(storage).Active);
    }

    [Fact]
    public void Numbers_AsStrings_AreRead()
    {
        var status = JsonSerializer.Deserialize("""{"vmid":"100","maxmem":"2147483648","cpu":"0.25","cpus":"2","uptime":"3600","agent":"1"}""", Context.GuestStatus)!;

        Assert.Equal(100, status.VmId);
        Assert.Equal(2147483648, status.MaxMem);
        Assert.Equal(0.25, status.Cpu);
        Assert.Equal(2, status.Cpus);
        Assert.Equal(3600, status.Uptime);
        Assert.Equal(true, status.Agent);
    }

    [Fact]
    public void UnknownFields_OfAnyShape_AreIgnored()
    {
        var nodes = JsonSerializer.Deserialize(
            """[{"node":"pve1","status":"online","new-in-pve10":{"a":[1,2,{"b":null}]},"flags":[true,false],"weird":null,"maxcpu":8}]""",
            Context.ListNodeSummary)!;

        var node = Assert.Single(nodes);
        Assert.Equal("pve1", node.Node);
        Assert.Equal(8, node.MaxCpu);
    }

    [Fact]
    public async Task GuestStatus_Sample_ReadsNestedHaAndRunningVersions()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes/pve1/qemu/101/status/current").RespondSample("qemu-status-current.json");

        var status = await pve.Client.GetGuestStatusAsync(Pve1, GuestType.Qemu, VmId.From(101), Ct);

        Assert.Equal("running", status.Status);
        Assert.NotNull(status.Ha);
        Assert.False(string.IsNullOrEmpty(status.RunningQemu));
        Assert.True(status.MaxMem > 0);
    }

    [Fact]
    public async Task NodeStatus_FromPve7_HasNoPve8Fields()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes/node1/status").RespondSample("node-status.json");

        var status = await pve.Client.GetNodeStatusAsync(NodeName.Parse("node1"), Ct);

        Assert.Equal("pve-manager/7.4-16/0f39f621", status.PveVersion);
        Assert.Equal(["0.00", "0.00", "0.00"], status.LoadAverage);
        Assert.Equal("3400.000", status.CpuInfo?.Mhz);
        Assert.Equal(8, status.CpuInfo?.Cpus);
        Assert.Equal(65919459328, status.Memory?.Total);
        Assert.Null(status.Memory?.Available);
        Assert.Null(status.CurrentKernel);
        Assert.Null(status.BootInfo);
    }

    [Fact]
    public async Task NodeStatus_FromPve9_ReadsKernelBootInfoAndAvailableMemory()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes/node1/status").RespondSample("node-status-pve9.json");

        var status = await pve.Client.GetNodeStatusAsync(NodeName.Parse("node1"), Ct);

        Assert.Equal("pve-manager/9.1.1/0000000000000000", status.PveVersion);
        Assert.Equal("6.17.2-1-pve", status.CurrentKernel?.Release);
        Assert.Equal("x86_64", status.CurrentKernel?.Machine);
        Assert.NotNull(status.BootInfo?.Mode);
        Assert.Equal(57000000000, status.Memory?.Available);
        Assert.Equal(937851224064, status.RootFs?.Available);
    }

    [Fact]
    public void NodeStatus_LoadAverageAsNumbers_IsReadAsText()
    {
        var status = JsonSerializer.Deserialize("""{"loadavg":[0.5,1,"2.25"]}""", Context.NodeStatus)!;

        Assert.Equal(["0.5", "1", "2.25"], status.LoadAverage);
    }

    [Theory]
    [InlineData("task-status-running.json", "running", null)]
    [InlineData("task-status-ok.json", "stopped", "OK")]
    [InlineData("task-status-failed.json", "stopped", "interrupted by signal")]
    public async Task TaskStatus_Samples_AreRead(string sample, string status, string? exitStatus)
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, $"/nodes/pve1/tasks/{QemuStartUpidEscaped}/status").RespondSample(sample);

        var task = await pve.Client.GetTaskStatusAsync(QemuStart, Ct);

        Assert.Equal(status, task.Status);
        Assert.Equal(exitStatus, task.ExitStatus);
        Assert.Equal(status == "running", task.IsRunning);
    }

    [Fact]
    public void ClusterStatus_Sample_ReadsOnlineAndQuorate()
    {
        var entries = JsonSerializer.Deserialize(Samples.Data("cluster-status.json"), Context.ListClusterStatusEntry)!;

        Assert.Equal(true, Assert.Single(entries, e => e.Type == "cluster").Quorate);
        Assert.All(entries.Where(e => e.Type == "node"), n => Assert.NotNull(n.Online));
    }

    [Fact]
    public void AccessTicket_ReadsNeedTfaAsZeroOneOrAbsent()
    {
        var plain = JsonSerializer.Deserialize(Samples.Data("access-ticket.json"), Context.AccessTicket)!;
        var tfa = JsonSerializer.Deserialize("""{"ticket":"PVE:x","NeedTFA":1}""", Context.AccessTicket)!;

        Assert.False(plain.NeedTfa);
        Assert.Equal("4EEC61E2:lwk7od06fa1+DcPUwBTXCcndyAY", plain.CsrfPreventionToken);
        Assert.True(tfa.NeedTfa);
    }

    [Fact]
    public async Task PoolMembers_ReadStringVmids()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/pools").RespondData("""[{"poolid":"prod","members":[{"id":"lxc/106","type":"lxc","vmid":"106","node":"pve1","template":0},{"id":"storage/pve1/local","type":"storage","storage":"local"}]}]""");

        var pool = await pve.Client.GetPoolAsync(PoolId.Parse("prod"), Ct);

        Assert.Equal(106, pool!.Members![0].VmId);
        Assert.Equal(false, pool.Members[0].Template);
        Assert.Null(pool.Members[1].VmId);
    }

    [Fact]
    public async Task WrongShape_BecomesUnexpectedReply()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes").RespondData("""{"not":"a list"}""");

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() => pve.Client.GetNodesAsync(Ct));

        Assert.Equal("Unexpected reply", e.ReasonPhrase);
        Assert.Contains("GET /nodes", e.PveMessage, StringComparison.Ordinal);
    }
}
