using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Proxmox.Tests.Support;
using static ProxmoxMcp.Proxmox.Tests.Support.TestIds;

namespace ProxmoxMcp.Proxmox.Tests.Client;

/// <summary>
/// A hostile value never becomes a request: it fails to parse before the client is called, and an identifier that
/// was never parsed (a default struct) is refused by the client before anything is sent.
/// </summary>
public sealed class NothingUnvalidatedIsSentTests
{
    public static TheoryData<string, Func<ProxmoxClient, Task>> HostileCalls => new()
    {
        { "StartVm with node pve1/../../access", c => c.ChangeGuestPowerAsync(NodeName.Parse("pve1/../../access"), GuestType.Qemu, Vm100, GuestPowerAction.Start, cancellationToken: Ct) },
        { "GetGuestStatus with vmid 100?x=1", c => c.GetGuestStatusAsync(Pve1, GuestType.Qemu, VmId.Parse("100?x=1"), Ct) },
        { "GetStorageContent with storage local%2F..", c => c.GetStorageContentAsync(Pve1, StorageId.Parse("local%2F.."), cancellationToken: Ct) },
        { "DeleteSnapshot with name ..", c => c.DeleteSnapshotAsync(Pve1, GuestType.Lxc, Vm100, SnapshotName.Parse(".."), cancellationToken: Ct) },
        { "DeletePool with id %2e%2e", c => c.DeletePoolAsync(PoolId.Parse("%2e%2e"), Ct) },
        { "DeleteVolume with traversal", c => c.DeleteVolumeAsync(Pve1, VolumeId.Parse("local:iso/../../etc/passwd"), Ct) },
        { "GetTaskStatus with control character", c => c.GetTaskStatusAsync(Upid.Parse("UPID:pve1:0000C346:165A0CE4:68D7279C:qmstart:100:root@pam\u0000:"), Ct) },
        { "MigrateVm with empty target", c => c.MigrateVmAsync(Pve1, Vm100, NodeName.Parse(""), cancellationToken: Ct) },
        { "GetNodeStatus with unicode node", c => c.GetNodeStatusAsync(NodeName.Parse("pvé1"), Ct) },
    };

    public static TheoryData<string, Func<ProxmoxClient, Task>> UnsetIdentifierCalls => new()
    {
        { "node", c => c.GetNodeStatusAsync(default, Ct) },
        { "vmid", c => c.GetGuestStatusAsync(Pve1, GuestType.Qemu, default, Ct) },
        { "vmid", c => c.CreateVmAsync(Pve1, new VmCreateRequest(default), Ct) },
        { "vmid", c => c.StartBackupAsync(Pve1, new BackupRequest([Vm100, default]), Ct) },
        { "vmid", c => c.UpdatePoolAsync(PoolId.Parse("prod"), [default], cancellationToken: Ct) },
        { "node", c => c.MigrateVmAsync(Pve1, Vm100, default, cancellationToken: Ct) },
        { "storage", c => c.GetStorageContentAsync(Pve1, default, cancellationToken: Ct) },
        { "storage", c => c.UpdatePoolAsync(PoolId.Parse("prod"), storages: [default], cancellationToken: Ct) },
        { "storage", c => c.CreateVmAsync(Pve1, new VmCreateRequest(Vm100) { DiskStorage = default(StorageId) }, Ct) },
        { "snapname", c => c.RollbackSnapshotAsync(Pve1, GuestType.Qemu, Vm100, default, cancellationToken: Ct) },
        { "snapname", c => c.CreateSnapshotAsync(Pve1, GuestType.Qemu, Vm100, default, cancellationToken: Ct) },
        { "snapname", c => c.CloneGuestAsync(Pve1, GuestType.Qemu, Vm100, new CloneRequest(VmId.From(200)) { Snapshot = default(SnapshotName) }, Ct) },
        { "volume", c => c.DeleteVolumeAsync(Pve1, default, Ct) },
        { "volume", c => c.RestoreGuestAsync(Pve1, GuestType.Qemu, new RestoreRequest(Vm100, default), Ct) },
        { "poolid", c => c.GetPoolAsync(default, Ct) },
        { "poolid", c => c.DeletePoolAsync(default, Ct) },
    };

    [Theory]
    [MemberData(nameof(HostileCalls))]
    public async Task Call_WhenIdentifierIsHostile_ThrowsBeforeSending(string what, Func<ProxmoxClient, Task> call)
    {
        using var pve = new PveMock();

        var e = await Assert.ThrowsAsync<ProxmoxArgumentException>(() => call(pve.Client));

        Assert.False(string.IsNullOrEmpty(e.ParamName), what);
        Assert.Empty(pve.Requests);
    }

    [Fact]
    public async Task StartVm_WhenNodeNameHasSlash_ThrowsBeforeSending()
    {
        using var pve = new PveMock();

        var e = await Assert.ThrowsAsync<ProxmoxArgumentException>(() =>
            pve.Client.ChangeGuestPowerAsync(NodeName.Parse("pve1/../../access"), GuestType.Qemu, Vm100, GuestPowerAction.Start, cancellationToken: Ct));

        Assert.Equal("node", e.ParamName);
        Assert.Contains("'pve1/../../access' is not a valid node name", e.Reason, StringComparison.Ordinal);
        Assert.Empty(pve.Requests);
    }

    [Theory]
    [MemberData(nameof(UnsetIdentifierCalls))]
    public async Task Call_WithUnsetIdentifier_ThrowsBeforeSending(string parameter, Func<ProxmoxClient, Task> call)
    {
        using var pve = new PveMock();

        var e = await Assert.ThrowsAsync<ProxmoxArgumentException>(() => call(pve.Client));

        Assert.Equal(parameter, e.ParamName);
        Assert.Contains("not set", e.Reason, StringComparison.Ordinal);
        Assert.Empty(pve.Requests);
    }
}
