namespace ProxmoxMcp.Proxmox.Models;

/// <summary>Timeframes of PVE's round-robin metrics (GET .../rrddata).</summary>
public enum RrdTimeframe
{
    Hour,
    Day,
    Week,
    Month,
    Year,
}

/// <summary>Consolidation of RRD samples: the average or the maximum within each step.</summary>
public enum RrdConsolidation
{
    Average,
    Max,
}

/// <summary>The <c>type</c> filter of GET /cluster/resources.</summary>
public enum ClusterResourceType
{
    Vm,
    Storage,
    Node,
    Sdn,
}

/// <summary>Options of the stop, shutdown and reboot actions; each applies only where PVE has it.</summary>
public sealed record PowerOptions
{
    /// <summary>Seconds to wait (shutdown, reboot, qemu stop).</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Shutdown only: hard-stop the guest if it has not shut down within the timeout.</summary>
    public bool? ForceStop { get; init; }
}

/// <summary>A change to a guest's configuration: keys to set, keys to delete, and optionally the digest it must still match.</summary>
public sealed record GuestConfigChange(
    IReadOnlyDictionary<string, string> Set,
    IReadOnlyList<string> Delete,
    string? Digest = null);

/// <summary>POST /nodes/{node}/qemu: a new VM with one disk, an optional ISO and one NIC.</summary>
public sealed record VmCreateRequest(VmId VmId)
{
    public string? Name { get; init; }
    public int? MemoryMiB { get; init; }
    public int? Cores { get; init; }
    public int? Sockets { get; init; }
    public string? CpuType { get; init; }
    public string? OsType { get; init; }
    public StorageId? DiskStorage { get; init; }
    public int? DiskSizeGiB { get; init; }
    public VolumeId? Iso { get; init; }
    public string? NetworkBridge { get; init; }
    public string NetworkModel { get; init; } = "virtio";
    public PoolId? Pool { get; init; }
    public string? Description { get; init; }
    public string? Tags { get; init; }
    public bool? Start { get; init; }
}

/// <summary>POST /nodes/{node}/lxc: a new container from a template volume.</summary>
public sealed record ContainerCreateRequest(VmId VmId, VolumeId OsTemplate)
{
    public string? Hostname { get; init; }
    public int? MemoryMiB { get; init; }
    public int? SwapMiB { get; init; }
    public int? Cores { get; init; }
    public StorageId? RootFsStorage { get; init; }
    public int? RootFsSizeGiB { get; init; }
    public string? NetworkBridge { get; init; }

    /// <summary>"dhcp", or an address in CIDR form such as 192.168.1.50/24.</summary>
    public string? Ip { get; init; }
    public string? Gateway { get; init; }

    /// <summary>DNS servers, space-separated; the host's when omitted.</summary>
    public string? Nameserver { get; init; }
    public string? Password { get; init; }
    public string? SshPublicKeys { get; init; }
    public bool Unprivileged { get; init; } = true;
    public bool? Nesting { get; init; }
    public PoolId? Pool { get; init; }
    public string? Description { get; init; }
    public string? Tags { get; init; }
    public bool? Start { get; init; }
}

/// <summary>POST /nodes/{node}/{qemu|lxc}/{vmid}/clone</summary>
public sealed record CloneRequest(VmId NewId)
{
    /// <summary>The new guest's name (VM) or hostname (container).</summary>
    public string? Name { get; init; }
    public NodeName? Target { get; init; }

    /// <summary>Full copy; PVE's default is a linked clone for templates and a full clone otherwise.</summary>
    public bool? Full { get; init; }
    public StorageId? Storage { get; init; }
    public PoolId? Pool { get; init; }
    public string? Description { get; init; }
    public SnapshotName? Snapshot { get; init; }
}

/// <summary>POST /nodes/{node}/vzdump</summary>
public sealed record BackupRequest(IReadOnlyList<VmId> VmIds)
{
    public StorageId? Storage { get; init; }

    /// <summary>snapshot (default, no downtime), suspend or stop.</summary>
    public string? Mode { get; init; }

    /// <summary>zstd (default here), lzo, gzip or 0 for none.</summary>
    public string? Compress { get; init; }
    public string? NotesTemplate { get; init; }
    public bool? Protected { get; init; }
}

/// <summary>POST /nodes/{node}/qemu with <c>archive</c>, or /nodes/{node}/lxc with <c>restore=1</c>.</summary>
public sealed record RestoreRequest(VmId VmId, VolumeId Archive)
{
    public StorageId? Storage { get; init; }

    /// <summary>Overwrite an existing guest with this id.</summary>
    public bool? Force { get; init; }

    /// <summary>Give the restored guest new MAC addresses and identity.</summary>
    public bool? Unique { get; init; }
    public bool? Start { get; init; }
    public PoolId? Pool { get; init; }
}

/// <summary>Filters of GET /nodes/{node}/tasks.</summary>
public sealed record TaskQuery
{
    public int? Start { get; init; }
    public int? Limit { get; init; }
    public VmId? VmId { get; init; }
    public string? TypeFilter { get; init; }
    public bool? ErrorsOnly { get; init; }

    /// <summary>Only tasks started at or after this Unix time.</summary>
    public long? Since { get; init; }

    /// <summary>archive (default), active or all.</summary>
    public string? Source { get; init; }
}
