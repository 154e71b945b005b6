using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Proxmox.Tests.Support;
using static ProxmoxMcp.Proxmox.Tests.Support.TestIds;

namespace ProxmoxMcp.Proxmox.Tests.Client;

public sealed class CreateRequestTests
{
    [Fact]
    public async Task CreateVm_PostsDiskAsGibNumberAndEncodesPropertyStrings()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/pve1/qemu").RespondData(UpidJson());
        var request = new VmCreateRequest(Vm100)
        {
            Name = "web1",
            MemoryMiB = 2048,
            Cores = 2,
            Sockets = 1,
            CpuType = "host",
            OsType = "l26",
            DiskStorage = StorageId.Parse("local-lvm"),
            DiskSizeGiB = DiskSize.ParseGib("32G"),
            Iso = VolumeId.Parse("local:iso/debian-12.iso"),
            NetworkBridge = "vmbr0",
            Pool = PoolId.Parse("prod"),
            Description = "web server",
            Tags = "web;prod",
            Start = true,
        };

        await pve.Client.CreateVmAsync(Pve1, request, Ct);

        pve.Only().ShouldBePost(
            "/nodes/pve1/qemu",
            "vmid=100&name=web1&memory=2048&cores=2&sockets=1&cpu=host&ostype=l26&scsihw=virtio-scsi-single" +
            "&scsi0=local-lvm%3A32%2Ciothread%3D1&ide2=local%3Aiso%2Fdebian-12.iso%2Cmedia%3Dcdrom&boot=order%3Dscsi0%3Bide2%3Bnet0" +
            "&net0=virtio%2Cbridge%3Dvmbr0&pool=prod&description=web%20server&tags=web%3Bprod&start=1");
    }

    [Fact]
    public async Task CreateVm_WithDiskStorageOnly_DefaultsTo32GibAndBootsFromDisk()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/pve1/qemu").RespondData(UpidJson());

        await pve.Client.CreateVmAsync(Pve1, new VmCreateRequest(Vm100) { DiskStorage = StorageId.Parse("ceph-pool.1") }, Ct);

        pve.Only().ShouldBePost(
            "/nodes/pve1/qemu", "vmid=100&scsihw=virtio-scsi-single&scsi0=ceph-pool.1%3A32%2Ciothread%3D1&boot=order%3Dscsi0");
    }

    [Fact]
    public async Task CreateVm_WithOnlyId_SendsOnlyVmid()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/pve1/qemu").RespondData(UpidJson());

        await pve.Client.CreateVmAsync(Pve1, new VmCreateRequest(Vm100), Ct);

        pve.Only().ShouldBePost("/nodes/pve1/qemu", "vmid=100");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(131073)]
    public async Task CreateVm_WhenDiskSizeOutOfRange_ThrowsBeforeSending(int gib)
    {
        using var pve = new PveMock();

        await Assert.ThrowsAsync<ProxmoxArgumentException>(() =>
            pve.Client.CreateVmAsync(Pve1, new VmCreateRequest(Vm100) { DiskStorage = StorageId.Parse("local-lvm"), DiskSizeGiB = gib }, Ct));

        Assert.Empty(pve.Requests);
    }

    [Fact]
    public async Task CreateContainer_PostsRootfsAsGibAndNetworkPropertyString()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/pve1/lxc").RespondData(UpidJson());
        var request = new ContainerCreateRequest(VmId.From(101), VolumeId.Parse("local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst"))
        {
            Hostname = "ct1",
            MemoryMiB = 512,
            SwapMiB = 256,
            Cores = 1,
            RootFsStorage = StorageId.Parse("local-lvm"),
            RootFsSizeGiB = DiskSize.ParseGib("1T"),
            NetworkBridge = "vmbr0",
            Ip = "192.168.1.50/24",
            Gateway = "192.168.1.1",
            Password = "p@ss+word",
            SshPublicKeys = "ssh-ed25519 AAAAC3Nz user@host",
            Nesting = true,
            Pool = PoolId.Parse("prod/web"),
            Description = "db",
            Tags = "db",
            Start = false,
        };

        await pve.Client.CreateContainerAsync(Pve1, request, Ct);

        pve.Only().ShouldBePost(
            "/nodes/pve1/lxc",
            "vmid=101&ostemplate=local%3Avztmpl%2Fdebian-12-standard_12.7-1_amd64.tar.zst&hostname=ct1&memory=512&swap=256&cores=1" +
            "&rootfs=local-lvm%3A1024&net0=name%3Deth0%2Cbridge%3Dvmbr0%2Cip%3D192.168.1.50%2F24%2Cgw%3D192.168.1.1" +
            "&password=p%40ss%2Bword&ssh-public-keys=ssh-ed25519%20AAAAC3Nz%20user%40host&unprivileged=1&features=nesting%3D1" +
            "&pool=prod%2Fweb&description=db&tags=db&start=0");
    }

    [Fact]
    public async Task CreateContainer_WithBridgeOnly_UsesDhcpAnd8GibDefault()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/pve1/lxc").RespondData(UpidJson());
        var request = new ContainerCreateRequest(VmId.From(101), VolumeId.Parse("local:vztmpl/alpine.tar.xz"))
        {
            RootFsStorage = StorageId.Parse("local-lvm"),
            NetworkBridge = "vmbr1",
            Unprivileged = false,
        };

        await pve.Client.CreateContainerAsync(Pve1, request, Ct);

        pve.Only().ShouldBePost(
            "/nodes/pve1/lxc",
            "vmid=101&ostemplate=local%3Avztmpl%2Falpine.tar.xz&rootfs=local-lvm%3A8&net0=name%3Deth0%2Cbridge%3Dvmbr1%2Cip%3Ddhcp&unprivileged=0");
    }

    [Fact]
    public async Task RestoreVm_PostsArchiveToQemu()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/pve1/qemu").RespondData(UpidJson());
        var request = new RestoreRequest(VmId.From(102), VolumeId.Parse("local:backup/vzdump-qemu-100-2025_01_01-00_00_00.vma.zst"))
        {
            Storage = StorageId.Parse("local-lvm"),
            Force = true,
            Unique = true,
            Start = false,
            Pool = PoolId.Parse("prod"),
        };

        await pve.Client.RestoreGuestAsync(Pve1, GuestType.Qemu, request, Ct);

        pve.Only().ShouldBePost(
            "/nodes/pve1/qemu",
            "vmid=102&archive=local%3Abackup%2Fvzdump-qemu-100-2025_01_01-00_00_00.vma.zst&storage=local-lvm&force=1&unique=1&start=0&pool=prod");
    }

    [Fact]
    public async Task RestoreContainer_PostsOstemplateWithRestoreFlagToLxc()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/pve1/lxc").RespondData(UpidJson());
        var request = new RestoreRequest(VmId.From(103), VolumeId.Parse("pbs:backup/ct/103/2025-01-01T00:00:00Z"));

        await pve.Client.RestoreGuestAsync(Pve1, GuestType.Lxc, request, Ct);

        pve.Only().ShouldBePost("/nodes/pve1/lxc", "vmid=103&ostemplate=pbs%3Abackup%2Fct%2F103%2F2025-01-01T00%3A00%3A00Z&restore=1");
    }

    [Fact]
    public async Task StartBackup_PostsVmidListAndOptions()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/pve1/vzdump").RespondData(UpidJson());
        var request = new BackupRequest([Vm100, VmId.From(101)])
        {
            Storage = StorageId.Parse("local"),
            Mode = "snapshot",
            Compress = "zstd",
            NotesTemplate = "{{guestname}}",
            Protected = true,
        };

        await pve.Client.StartBackupAsync(Pve1, request, Ct);

        pve.Only().ShouldBePost(
            "/nodes/pve1/vzdump", "vmid=100%2C101&storage=local&mode=snapshot&compress=zstd&notes-template=%7B%7Bguestname%7D%7D&protected=1");
    }

    [Fact]
    public async Task StartBackup_WithNoGuests_ThrowsBeforeSending()
    {
        using var pve = new PveMock();

        await Assert.ThrowsAsync<ProxmoxArgumentException>(() => pve.Client.StartBackupAsync(Pve1, new BackupRequest([]), Ct));

        Assert.Empty(pve.Requests);
    }
}
