using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Models;

namespace ProxmoxMcp.Server.Tools.Guests;

/// <summary>create_vm's arguments, as given (the original server's names: memory, ostype, iso, storage, diskSize).</summary>
public sealed record VmCreateArgs(string Node, int? VmId)
{
    public string? Name { get; init; }
    public int? Memory { get; init; }
    public int? Cores { get; init; }
    public int? Sockets { get; init; }
    public string? Cpu { get; init; }
    public string? OsType { get; init; }
    public string? Iso { get; init; }
    public string? Storage { get; init; }
    public string? DiskSize { get; init; }
    public string? Bridge { get; init; }
    public string? Tags { get; init; }
    public string? Pool { get; init; }
    public string? Description { get; init; }
    public bool Start { get; init; }
    public bool Wait { get; init; } = true;
}

/// <summary>create_container's arguments, as given.</summary>
public sealed record ContainerCreateArgs(string Node, string OsTemplate, int? VmId)
{
    public string? Hostname { get; init; }
    public int? Memory { get; init; }
    public int? Swap { get; init; }
    public int? Cores { get; init; }
    public string? Storage { get; init; }
    public string? DiskSize { get; init; }
    public string? Bridge { get; init; }
    public string? Ip { get; init; }
    public string? Gateway { get; init; }
    public string? SshPublicKeys { get; init; }
    public bool Unprivileged { get; init; } = true;
    public bool Nesting { get; init; }
    public string? Tags { get; init; }
    public string? Pool { get; init; }
    public string? Description { get; init; }
    public bool Start { get; init; }
    public bool Wait { get; init; } = true;
}

// Creating guests: every argument is checked before the first request; the id is the one asked for (if free) or the next free one.
public sealed partial class GuestOperations
{
    public async Task<CallToolResult> CreateVmAsync(VmCreateArgs args, IProgress<ProgressNotificationValue>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var node = NodeName.Parse(args.Node);
        var requested = args.VmId is { } v ? VmId.From(v) : (VmId?)null;
        var storage = args.Storage is null ? (StorageId?)null : StorageId.Parse(args.Storage, "storage");
        var size = args.DiskSize is null ? (int?)null : DiskSize.ParseGib(args.DiskSize, "diskSize");
        if (size is not null && storage is null)
        {
            throw new McpException("'diskSize' needs 'storage': the storage the disk is created on (e.g. local-lvm; get_storages lists them).");
        }

        var name = GuestArguments.DnsName(args.Name, "name");
        var request = new VmCreateRequest(default)
        {
            Name = name,
            MemoryMiB = GuestArguments.InRange(args.Memory, "memory", 16, 4_194_304, " MiB"),
            Cores = GuestArguments.InRange(args.Cores, "cores", 1, 8192),
            Sockets = GuestArguments.InRange(args.Sockets, "sockets", 1, 4096),
            CpuType = GuestArguments.CpuType(args.Cpu),
            OsType = GuestArguments.OsType(args.OsType, GuestArguments.VmOsTypes),
            DiskStorage = storage,
            DiskSizeGiB = size,
            Iso = args.Iso is null ? null : VolumeId.Parse(args.Iso, "iso"),
            NetworkBridge = GuestArguments.Bridge(args.Bridge),
            Pool = args.Pool is null ? null : PoolId.Parse(args.Pool, "pool"),
            Description = GuestArguments.Text(args.Description, "description", 8192),
            Tags = GuestArguments.Tags(args.Tags, "tags"),
            Start = args.Start ? true : null,
        };

        await RequireNodeAsync(node, "node", mustBeOnline: true, cancellationToken);
        var id = await AllocateIdAsync(requested, "vmid", cancellationToken);
        var upid = await proxmox.CreateVmAsync(node, request with { VmId = id }, cancellationToken);
        return await ReportCreatedAsync(GuestType.Qemu, node, id, name, args.Start, args.Wait, upid, storage is null ? "No disk was added (no storage given)." : null, progress, cancellationToken);
    }

    public async Task<CallToolResult> CreateContainerAsync(ContainerCreateArgs args, IProgress<ProgressNotificationValue>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var node = NodeName.Parse(args.Node);
        var template = VolumeId.Parse(args.OsTemplate, "ostemplate");
        if (!template.Name.StartsWith("vztmpl/", StringComparison.Ordinal))
        {
            throw new McpException(
                $"'ostemplate' {GuestArguments.Quote(args.OsTemplate)} is not a container template: use a vztmpl volume such as " +
                "'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst' (get_storage_content with content=vztmpl lists them).");
        }

        var requested = args.VmId is { } v ? VmId.From(v) : (VmId?)null;
        var storage = args.Storage is null ? (StorageId?)null : StorageId.Parse(args.Storage, "storage");
        var size = args.DiskSize is null ? (int?)null : DiskSize.ParseGib(args.DiskSize, "diskSize");
        if (size is not null && storage is null)
        {
            throw new McpException("'diskSize' needs 'storage': the storage the root filesystem is created on (e.g. local-lvm; get_storages lists them).");
        }

        var bridge = GuestArguments.Bridge(args.Bridge);
        var ip = GuestArguments.ContainerIp(args.Ip);
        var gateway = GuestArguments.Ipv4(args.Gateway, "gateway");
        if (bridge is null && (ip is not null || gateway is not null))
        {
            throw new McpException("'ip' and 'gateway' need 'bridge': the network bridge the container's eth0 is attached to (e.g. vmbr0).");
        }

        if (gateway is not null && ip is null or "dhcp" or "manual")
        {
            throw new McpException("'gateway' goes with a static 'ip' (e.g. ip='192.168.1.50/24', gateway='192.168.1.1'); with DHCP the gateway comes from the DHCP server.");
        }

        var hostname = GuestArguments.DnsName(args.Hostname, "hostname");
        var request = new ContainerCreateRequest(default, template)
        {
            Hostname = hostname,
            MemoryMiB = GuestArguments.InRange(args.Memory, "memory", 16, 4_194_304, " MiB"),
            SwapMiB = GuestArguments.InRange(args.Swap, "swap", 0, 4_194_304, " MiB"),
            Cores = GuestArguments.InRange(args.Cores, "cores", 1, 8192),
            RootFsStorage = storage,
            RootFsSizeGiB = size,
            NetworkBridge = bridge,
            Ip = ip,
            Gateway = gateway,
            SshPublicKeys = GuestArguments.SshPublicKeys(args.SshPublicKeys, "ssh_public_keys"),
            Unprivileged = args.Unprivileged,
            Nesting = args.Nesting ? true : null,
            Pool = args.Pool is null ? null : PoolId.Parse(args.Pool, "pool"),
            Description = GuestArguments.Text(args.Description, "description", 8192),
            Tags = GuestArguments.Tags(args.Tags, "tags"),
            Start = args.Start ? true : null,
        };

        await RequireNodeAsync(node, "node", mustBeOnline: true, cancellationToken);
        var id = await AllocateIdAsync(requested, "vmid", cancellationToken);
        var upid = await proxmox.CreateContainerAsync(node, request with { VmId = id }, cancellationToken);
        return await ReportCreatedAsync(GuestType.Lxc, node, id, hostname, args.Start, args.Wait, upid, null, progress, cancellationToken);
    }

    private Task<CallToolResult> ReportCreatedAsync(
        GuestType type, NodeName node, VmId id, string? name, bool start, bool wait, Upid upid, string? note,
        IProgress<ProgressNotificationValue>? progress, CancellationToken cancellationToken)
    {
        var suffix = type == GuestType.Qemu ? "vm" : "container";
        var described = $"{type.Noun()} {id}{(name is null ? "" : $" '{name}'")} on {node}";
        return tasks.ReportAsync(
            $"Create {described}",
            upid,
            wait,
            progress,
            cancellationToken,
            Notes($"New {type.Noun()} id: {id}.", note, start ? null : $"It is not started: start_{suffix} vmid={id} starts it."));
    }
}
