using ProxmoxMcp.Proxmox.Tests.Support;
using static ProxmoxMcp.Proxmox.Tests.Support.TestIds;

namespace ProxmoxMcp.Proxmox.Tests.Client;

public sealed class SnapshotStoragePoolRequestTests
{
    private static SnapshotName BeforeUpgrade => SnapshotName.Parse("before_upgrade");

    [Theory]
    [InlineData(GuestType.Qemu, "/nodes/pve1/qemu/100/snapshot")]
    [InlineData(GuestType.Lxc, "/nodes/pve1/lxc/100/snapshot")]
    public async Task GetSnapshots_GetsList(GuestType type, string path)
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, path).RespondSample("qemu-snapshot-list.json");

        var snapshots = await pve.Client.GetSnapshotsAsync(Pve1, type, Vm100, Ct);

        pve.Only().ShouldBeGet(path);
        Assert.Contains(snapshots, s => s.Name == "current");
    }

    [Theory]
    [InlineData(GuestType.Qemu, "snapname=before_upgrade&description=pre%20apt%20upgrade&vmstate=1")]
    [InlineData(GuestType.Lxc, "snapname=before_upgrade&description=pre%20apt%20upgrade")]
    public async Task CreateSnapshot_SendsVmstateOnlyForVms(GuestType type, string form)
    {
        using var pve = new PveMock();
        var path = $"/nodes/pve1/{type.ApiName()}/100/snapshot";
        pve.On(HttpMethod.Post, path).RespondData(UpidJson());

        await pve.Client.CreateSnapshotAsync(Pve1, type, Vm100, BeforeUpgrade, "pre apt upgrade", includeRam: true, Ct);

        pve.Only().ShouldBePost(path, form);
    }

    [Theory]
    [InlineData(true, "/nodes/pve1/lxc/100/snapshot/before_upgrade?force=1")]
    [InlineData(null, "/nodes/pve1/lxc/100/snapshot/before_upgrade")]
    public async Task DeleteSnapshot_SendsForceInQuery(bool? force, string pathAndQuery)
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Delete, "/nodes/pve1/lxc/100/snapshot/before_upgrade").RespondData(UpidJson());

        await pve.Client.DeleteSnapshotAsync(Pve1, GuestType.Lxc, Vm100, BeforeUpgrade, force, Ct);

        pve.Only().ShouldBeDelete(pathAndQuery);
    }

    [Fact]
    public async Task RollbackSnapshot_PostsStart()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/pve1/qemu/100/snapshot/before_upgrade/rollback").RespondData(UpidJson());

        await pve.Client.RollbackSnapshotAsync(Pve1, GuestType.Qemu, Vm100, BeforeUpgrade, start: true, Ct);

        pve.Only().ShouldBePost("/nodes/pve1/qemu/100/snapshot/before_upgrade/rollback", "start=1");
    }

    [Fact]
    public async Task GetStorageDefinitions_GetsStorage()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/storage").RespondData("""[{"storage":"local","type":"dir","content":"iso,vztmpl,backup","path":"/var/lib/vz","digest":"x"}]""");

        var storages = await pve.Client.GetStorageDefinitionsAsync(Ct);

        pve.Only().ShouldBeGet("/storage");
        Assert.Equal("/var/lib/vz", Assert.Single(storages).Path);
    }

    [Theory]
    [InlineData("iso", "/nodes/pve1/storage?content=iso")]
    [InlineData(null, "/nodes/pve1/storage")]
    public async Task GetNodeStorages_SendsContentFilterInQuery(string? content, string pathAndQuery)
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes/pve1/storage").RespondSample("node-storage.json");

        var storages = await pve.Client.GetNodeStoragesAsync(Pve1, content, Ct);

        pve.Only().ShouldBeGet(pathAndQuery);
        Assert.NotEmpty(storages);
    }

    [Theory]
    [InlineData("iso&vmid=1")]
    [InlineData("ISO")]
    [InlineData("")]
    public async Task GetNodeStorages_WhenContentUnknown_ThrowsBeforeSending(string content)
    {
        using var pve = new PveMock();

        await Assert.ThrowsAsync<ProxmoxArgumentException>(() => pve.Client.GetNodeStoragesAsync(Pve1, content, Ct));

        Assert.Empty(pve.Requests);
    }

    [Fact]
    public async Task GetStorageContent_SendsContentAndVmidInQuery()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes/pve1/storage/local/content").RespondSample("storage-content.json");

        var volumes = await pve.Client.GetStorageContentAsync(Pve1, StorageId.Parse("local"), "backup", Vm100, Ct);

        pve.Only().ShouldBeGet("/nodes/pve1/storage/local/content?content=backup&vmid=100");
        Assert.NotEmpty(volumes);
    }

    [Fact]
    public async Task DeleteVolume_EscapesVolumeIdAsOneSegment()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Delete, "/nodes/pve1/storage/local/content/local%3Aiso%2Fdebian-12.iso").RespondData("null");

        var upid = await pve.Client.DeleteVolumeAsync(Pve1, VolumeId.Parse("local:iso/debian-12.iso"), Ct);

        pve.Only().ShouldBeDelete("/nodes/pve1/storage/local/content/local%3Aiso%2Fdebian-12.iso");
        Assert.Null(upid);
    }

    [Fact]
    public async Task DeleteVolume_WhenPveStartsTask_ReturnsUpid()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Delete, "/nodes/pve1/storage/local-lvm/content/local-lvm%3Avm-100-disk-0")
            .RespondData(UpidJson("UPID:pve1:0000C347:165A0CE5:68D7279D:imgdel:100:root@pam:"));

        var upid = await pve.Client.DeleteVolumeAsync(Pve1, VolumeId.Parse("local-lvm:vm-100-disk-0"), Ct);

        pve.Only().ShouldBeDelete("/nodes/pve1/storage/local-lvm/content/local-lvm%3Avm-100-disk-0");
        Assert.Equal("imgdel", upid?.Type);
    }

    [Fact]
    public async Task GetPools_GetsPools()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/pools").RespondSample("pools.json");

        var pools = await pve.Client.GetPoolsAsync(Ct);

        pve.Only().ShouldBeGet("/pools");
        Assert.NotEmpty(pools);
    }

    [Fact]
    public async Task GetPool_SendsNestedPoolIdInQueryNotPath()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/pools").RespondData(
            """[{"poolid":"prod/web","comment":"web","members":[{"id":"qemu/100","type":"qemu","node":"pve1","vmid":100,"status":"running"}]}]""");

        var pool = await pve.Client.GetPoolAsync(PoolId.Parse("prod/web"), Ct);

        pve.Only().ShouldBeGet("/pools?poolid=prod%2Fweb");
        Assert.Equal(100, Assert.Single(pool!.Members!).VmId);
    }

    [Fact]
    public async Task GetPool_WhenListEmpty_ReturnsNull()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/pools").RespondData("[]");

        Assert.Null(await pve.Client.GetPoolAsync(PoolId.Parse("prod"), Ct));
    }

    [Fact]
    public async Task CreatePool_PostsIdAndComment()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/pools").RespondData("null");

        await pve.Client.CreatePoolAsync(PoolId.Parse("prod"), "Production & more", Ct);

        pve.Only().ShouldBePost("/pools", "poolid=prod&comment=Production%20%26%20more");
    }

    [Fact]
    public async Task UpdatePool_PutsMembersAsListsAndDeleteAsOne()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Put, "/pools").RespondData("null");

        await pve.Client.UpdatePoolAsync(
            PoolId.Parse("prod"), [Vm100, VmId.From(101)], [StorageId.Parse("local"), StorageId.Parse("nfs-1")], remove: true, comment: "c", cancellationToken: Ct);

        pve.Only().ShouldBePut("/pools", "poolid=prod&vms=100%2C101&storage=local%2Cnfs-1&delete=1&comment=c");
    }

    [Fact]
    public async Task UpdatePool_WhenAdding_SendsNoDelete()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Put, "/pools").RespondData("null");

        await pve.Client.UpdatePoolAsync(PoolId.Parse("prod"), [Vm100], cancellationToken: Ct);

        pve.Only().ShouldBePut("/pools", "poolid=prod&vms=100");
    }

    [Fact]
    public async Task DeletePool_SendsPoolIdInQuery()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Delete, "/pools").RespondData("null");

        await pve.Client.DeletePoolAsync(PoolId.Parse("prod/web"), Ct);

        pve.Only().ShouldBeDelete("/pools?poolid=prod%2Fweb");
    }
}
