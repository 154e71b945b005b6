using System.Globalization;
using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Models;

namespace ProxmoxMcp.Proxmox;

public sealed partial class ProxmoxClient
{
    // POST /nodes/{node}/qemu
    public Task<Upid> CreateVmAsync(NodeName node, VmCreateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = new PveParameters()
            .Add("vmid", request.VmId)
            .Add("name", request.Name)
            .Add("memory", request.MemoryMiB)
            .Add("cores", request.Cores)
            .Add("sockets", request.Sockets)
            .Add("cpu", request.CpuType)
            .Add("ostype", request.OsType)
            .Add("scsihw", request.DiskStorage is null ? null : "virtio-scsi-single")
            .Add("scsi0", request.DiskStorage is { } storage ? $"{storage.Wire}:{Gib(request.DiskSizeGiB ?? 32)},iothread=1" : null)
            .Add("ide2", request.Iso is { } iso ? $"{iso.Wire},media=cdrom" : null)
            .Add("boot", request.DiskStorage is null && request.Iso is null ? null : BootOrder(request))
            .Add("net0", request.NetworkBridge is { } bridge ? $"{request.NetworkModel},bridge={bridge}" : null)
            .Add("pool", request.Pool)
            .Add("description", request.Description)
            .Add("tags", request.Tags)
            .Add("start", request.Start);
        return http.StartTaskAsync(HttpMethod.Post, PvePath.Of($"/nodes/{node}/qemu"), parameters, cancellationToken);
    }

    // POST /nodes/{node}/lxc
    public Task<Upid> CreateContainerAsync(NodeName node, ContainerCreateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var net = request.NetworkBridge is { } bridge
            ? $"name=eth0,bridge={bridge},ip={request.Ip ?? "dhcp"}" + (request.Gateway is { } gw ? $",gw={gw}" : "")
            : null;
        var parameters = new PveParameters()
            .Add("vmid", request.VmId)
            .Add("ostemplate", request.OsTemplate)
            .Add("hostname", request.Hostname)
            .Add("memory", request.MemoryMiB)
            .Add("swap", request.SwapMiB)
            .Add("cores", request.Cores)
            .Add("rootfs", request.RootFsStorage is { } storage ? $"{storage.Wire}:{Gib(request.RootFsSizeGiB ?? 8)}" : null)
            .Add("net0", net)
            .Add("nameserver", request.Nameserver)
            .Add("password", request.Password)
            .Add("ssh-public-keys", request.SshPublicKeys)
            .Add("unprivileged", request.Unprivileged)
            .Add("features", request.Nesting == true ? "nesting=1" : null)
            .Add("pool", request.Pool)
            .Add("description", request.Description)
            .Add("tags", request.Tags)
            .Add("start", request.Start);
        return http.StartTaskAsync(HttpMethod.Post, PvePath.Of($"/nodes/{node}/lxc"), parameters, cancellationToken);
    }

    // POST /nodes/{node}/qemu (archive=...)  and  POST /nodes/{node}/lxc (ostemplate=..., restore=1)
    public Task<Upid> RestoreGuestAsync(NodeName node, GuestType type, RestoreRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = new PveParameters().Add("vmid", request.VmId);
        if (type == GuestType.Qemu)
        {
            parameters.Add("archive", request.Archive);
        }
        else
        {
            parameters.Add("ostemplate", request.Archive).Add("restore", true);
        }

        parameters
            .Add("storage", request.Storage)
            .Add("force", request.Force)
            .Add("unique", request.Unique)
            .Add("start", request.Start)
            .Add("pool", request.Pool);
        return http.StartTaskAsync(HttpMethod.Post, PvePath.Of($"/nodes/{node}/{type}"), parameters, cancellationToken);
    }

    // POST /nodes/{node}/vzdump
    public Task<Upid> StartBackupAsync(NodeName node, BackupRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.VmIds.Count == 0)
        {
            throw new ProxmoxArgumentException("vmid", "Name at least one guest to back up.");
        }

        var parameters = new PveParameters()
            .Add("vmid", string.Join(',', request.VmIds.Select(v => v.Wire)))
            .Add("storage", request.Storage)
            .Add("mode", request.Mode)
            .Add("compress", request.Compress)
            .Add("notes-template", request.NotesTemplate)
            .Add("protected", request.Protected);
        return http.StartTaskAsync(HttpMethod.Post, PvePath.Of($"/nodes/{node}/vzdump"), parameters, cancellationToken);
    }

    private static string Gib(int size) =>
        size is >= 1 and <= 131072
            ? size.ToString(CultureInfo.InvariantCulture)
            : throw new ProxmoxArgumentException("disk_size", $"Disk size {size} GiB is out of range (1 to 131072 GiB).");

    private static string BootOrder(VmCreateRequest request) =>
        "order=" + string.Join(';', new[] { request.DiskStorage is null ? null : "scsi0", request.Iso is null ? null : "ide2", request.NetworkBridge is null ? null : "net0" }.OfType<string>());
}
