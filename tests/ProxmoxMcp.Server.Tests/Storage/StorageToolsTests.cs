using System.Text.Json;
using ProxmoxMcp.Server.Tests.Conventions;
using ProxmoxMcp.Server.Tests.Support;

namespace ProxmoxMcp.Server.Tests.Storage;

// Demo estate: local (dir, per node: backup, iso, vztmpl), local-lvm (lvmthin, per node: images, rootdir),
// nfs-backup (nfs, shared: backup, iso, vztmpl).
public class StorageToolsTests
{
    private const string Iso = "local:iso/debian-12.11.0-amd64-netinst.iso";

    [Fact]
    public async Task GetStorages_WithoutNode_ListsEveryStorageWithUsagePerNodeFromOneRequest()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("get_storages")).AssertSuccess();

        var storages = result.Structured().GetProperty("storages").EnumerateArray().ToList();
        Assert.Equal(["local", "local-lvm", "nfs-backup"], storages.Select(s => s.GetProperty("storage").GetString()));
        Assert.Equal(["pve1", "pve2", "pve3"], storages[0].GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("node").GetString()));
        Assert.True(storages[2].GetProperty("shared").GetBoolean());
        Assert.True(storages[0].GetProperty("nodes")[0].GetProperty("total").GetInt64() > 0);
        Assert.Matches(@"nfs-backup \(nfs, shared\) backup,iso,vztmpl: [0-9.]+ [GT]iB/8 TiB \([0-9.]+%\) on pve1, pve2, pve3", result.Text());
        Assert.Equal(1, server.Cluster.Requests.Count);
        Assert.Equal("/cluster/resources", server.Cluster.Requests.Entries[0].Path);
    }

    [Fact]
    public async Task GetStorages_ByContent_KeepsOnlyStoragesThatAcceptIt()
    {
        await using var server = await SimulatedServer.StartAsync();

        var data = (await server.CallAsync("get_storages", new { content = "images" })).AssertSuccess().Structured();

        Assert.Equal(["local-lvm"], data.GetProperty("storages").EnumerateArray().Select(s => s.GetProperty("storage").GetString()));
    }

    [Fact]
    public async Task GetStorages_OfOneNode_ShowsThatNodesView()
    {
        await using var server = await SimulatedServer.StartAsync();

        var data = (await server.CallCheckedAsync("get_storages", new { node = "pve2", content = "backup" })).AssertSuccess().Structured();

        var storages = data.GetProperty("storages").EnumerateArray().ToList();
        Assert.Equal(["local", "nfs-backup"], storages.Select(s => s.GetProperty("storage").GetString()));
        Assert.All(storages, s => Assert.Equal("pve2", Assert.Single(s.GetProperty("nodes").EnumerateArray()).GetProperty("node").GetString()));
        Assert.Equal("active", storages[0].GetProperty("nodes")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task GetStorages_WithUnknownContentType_ListsTheTypes()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("get_storages", new { content = "disks" });

        result.AssertError("content 'disks' is not a storage content type: use one of images, rootdir, vztmpl, iso, backup, snippets, import");
        Assert.Equal(0, server.Cluster.Requests.Count);
    }

    [Fact]
    public async Task GetStorageContent_OfSharedStorageWithoutNode_ReadsItThroughANode()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("get_storage_content", new { storage = "nfs-backup", content = "backup" })).AssertSuccess();

        var volumes = Volumes(result.Structured());
        Assert.Equal(3, volumes.Count);
        Assert.All(volumes, v => Assert.Equal("backup", v.GetProperty("content").GetString()));
        Assert.Equal([100, 101, 201], volumes.Select(v => v.GetProperty("vmid").GetInt32()));
        Assert.True(volumes[1].GetProperty("protected").GetBoolean());
        Assert.Contains("Read through node pve1", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStorageContent_OfLocalStorageWithoutNode_AsksForTheNode()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("get_storage_content", new { storage = "local" });

        result.AssertError("Storage local is local to each of pve1, pve2, pve3");
        Assert.Contains("node=", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStorageContent_Paged_SaysHowToGetTheRest()
    {
        await using var server = await SimulatedServer.StartAsync();

        var first = (await server.CallCheckedAsync("get_storage_content", new { storage = "local", node = "pve1", limit = 2 })).AssertSuccess();
        var page = first.Structured().GetProperty("page");
        var rest = (await server.CallAsync("get_storage_content", new { storage = "local", node = "pve1", offset = 2, limit = 500 })).AssertSuccess();

        Assert.Equal(2, page.GetProperty("returned").GetInt32());
        Assert.Equal(2, page.GetProperty("next_offset").GetInt32());
        Assert.Contains("call again with offset=2", first.Text(), StringComparison.Ordinal);
        var all = Volumes(first.Structured()).Concat(Volumes(rest.Structured())).Select(v => v.GetProperty("volid").GetString()).ToList();
        Assert.Equal(page.GetProperty("total").GetInt32(), all.Distinct().Count());
        Assert.False(rest.Structured().GetProperty("page").TryGetProperty("next_offset", out _));
    }

    [Fact]
    public async Task GetStorageContent_ByVmid_ShowsOnlyThatGuestsVolumes()
    {
        await using var server = await SimulatedServer.StartAsync();

        var data = (await server.CallAsync("get_storage_content", new { storage = "local-lvm", node = "pve3", vmid = 105 })).AssertSuccess().Structured();

        var volumes = Volumes(data);
        Assert.Equal(2, volumes.Count);
        Assert.All(volumes, v => Assert.Equal(105, v.GetProperty("vmid").GetInt32()));
    }

    [Fact]
    public async Task GetStorageContent_OfUnknownStorage_NamesTheStorages()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("get_storage_content", new { storage = "ceph" });

        result.AssertError("There is no storage 'ceph' in this cluster. Storages: local, local-lvm, nfs-backup");
    }

    [Theory]
    [InlineData("local/../../access")]
    [InlineData("local%2F..")]
    [InlineData("1local")]
    public async Task GetStorageContent_WithInvalidStorageId_IsRefusedBeforeAnyRequest(string storage)
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("get_storage_content", new { storage, node = "pve1" });

        result.AssertError("is not a valid storage id");
        Assert.Equal(0, server.Cluster.Requests.Count);
    }

    [Fact]
    public async Task DeleteVolume_WithoutConfirm_KeepsTheIso()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("delete_volume", new { volume = Iso, node = "pve1" });

        result.AssertError($"confirm=\"{Iso}\"");
        Assert.Contains("This permanently deletes", result.Text(), StringComparison.Ordinal);
        Assert.Contains(server.Cluster.GetVolumes("local", "pve1"), v => v.Volid == Iso);
    }

    [Fact]
    public async Task DeleteVolume_WithConfirm_RemovesTheIso()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallCheckedAsync("delete_volume", new { volume = Iso, node = "pve1", confirm = Iso })).AssertSuccess();

        Assert.DoesNotContain(server.Cluster.GetVolumes("local", "pve1"), v => v.Volid == Iso);
        Assert.Contains(server.Cluster.GetVolumes("local", "pve2"), v => v.Volid == Iso);
    }

    [Fact]
    public async Task DeleteVolume_OfGuestDisk_IsRefusedAndNamesTheGuestTools()
    {
        await using var server = await SimulatedServer.StartAsync();
        var disk = server.Cluster.GetVolumes("local-lvm", "pve1").First(v => v.Vmid == 100).Volid;

        var result = await server.CallAsync("delete_volume", new { volume = disk, node = "pve1", confirm = disk });

        result.AssertError("is a guest disk (images of guest 100)");
        Assert.Contains(server.Cluster.GetVolumes("local-lvm", "pve1"), v => v.Volid == disk);
    }

    [Fact]
    public async Task DeleteVolume_OfProtectedBackup_IsRefused()
    {
        await using var server = await SimulatedServer.StartAsync();
        var backup = server.Cluster.GetVolumes("nfs-backup").Single(v => v.Protected).Volid;

        var result = await server.CallAsync("delete_volume", new { volume = backup, confirm = backup });

        result.AssertError("is protected");
    }

    [Fact]
    public async Task DeleteVolume_Missing_SaysSo()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("delete_volume", new { volume = "local:iso/none.iso", node = "pve1", confirm = "local:iso/none.iso" });

        result.AssertError("There is no volume local:iso/none.iso on storage local");
    }

    [Theory]
    [InlineData("local:../../etc/passwd")]
    [InlineData("local:iso/../../x.iso")]
    [InlineData("/etc/passwd")]
    public async Task DeleteVolume_WithPathTrick_IsRefusedBeforeAnyRequest(string volume)
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("delete_volume", new { volume, node = "pve1", confirm = volume });

        result.AssertError("is not a volume id");
        Assert.Equal(0, server.Cluster.Requests.Count);
    }

    private static List<JsonElement> Volumes(JsonElement data) => data.GetProperty("volumes").EnumerateArray().ToList();
}
