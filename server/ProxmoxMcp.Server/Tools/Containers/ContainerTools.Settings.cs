using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Server.Tools.Guests;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Containers;

// Changing a container's settings and growing its volumes.
public sealed partial class ContainerTools
{
    [McpServerTool(Name = "update_container", Title = "Change container settings", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ConfigChangeOutput))]
    [Description("Changes a container's settings: hostname, cores, memory, swap, CPU limit, description, tags, start at boot, protection; " +
        "'delete' removes settings. Other keys (mount points, NICs, devices, features, unprivileged, raw lxc keys) are refused with the reason. " +
        "Refused if someone changed the config meanwhile (digest). Returns each change as before -> after. Volumes grow with " +
        "resize_container_disk; for a VM use update_vm.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/lxc/{vmid}/config")]
    [PveEndpoint("PUT /nodes/{node}/lxc/{vmid}/config")]
    public Task<CallToolResult> UpdateContainer(
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.Node)] string? node = null,
        [Description("New hostname (a DNS name).")] string? hostname = null,
        [Description("CPU cores the container may use.")] int? cores = null,
        [Description("Memory in MiB.")] int? memory = null,
        [Description("Swap in MiB.")] int? swap = null,
        [Description("CPU usage limit in cores, e.g. 1.5 (0 = no limit).")] double? cpulimit = null,
        [Description(GuestText.Description)] string? description = null,
        [Description("Tags, replacing the current ones, separated by ';' (e.g. 'prod;dns').")] string? tags = null,
        [Description("Start the container when its node boots.")] bool? onboot = null,
        [Description("Protection against deletion: true protects; false lifts it.")] bool? protection = null,
        [Description(GuestText.Delete)] string[]? delete = null,
        [Description(GuestText.LegacyConfig)] Dictionary<string, JsonElement>? config = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.UpdateAsync(
            Ct("update_container", vmid, node),
            new(
                SettingRules.Named(
                    ("hostname", hostname), ("cores", cores), ("memory", memory), ("swap", swap), ("cpulimit", cpulimit), ("description", description),
                    ("tags", tags), ("onboot", onboot), ("protection", protection)),
                delete,
                config),
            progress,
            cancellationToken);

    [McpServerTool(Name = "resize_container_disk", Title = "Grow container volume", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Grows a container's root filesystem (rootfs) or a mount point (mp0...) by an amount ('+10G') or to a total ('50G'); volumes only " +
        "grow, never shrink. Proxmox grows the filesystem too. Returns the outcome and the size before -> after. get_container lists the volumes; " +
        "for a VM use resize_vm_disk.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/lxc/{vmid}/config")]
    [PveEndpoint("PUT /nodes/{node}/lxc/{vmid}/resize")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> ResizeContainerDisk(
        [Description(GuestText.Vmid)] int vmid,
        [Description("Volume to grow: rootfs or mp0-mp255 (get_container lists them).")] string disk,
        [Description(GuestText.ResizeSize)] string size,
        [Description(GuestText.Node)] string? node = null,
        [Description(GuestText.Wait)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.ResizeDiskAsync(Ct("resize_container_disk", vmid, node), disk, size, wait, progress, cancellationToken);
}
