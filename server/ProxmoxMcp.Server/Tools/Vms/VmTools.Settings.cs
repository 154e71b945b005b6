using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Server.Tools.Guests;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Vms;

// Changing a VM's settings and growing its disks.
public sealed partial class VmTools
{
    [McpServerTool(Name = "update_vm", Title = "Change VM settings", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ConfigChangeOutput))]
    [Description("Changes a VM's settings: name, cores, sockets, memory, balloon, CPU type and limit, description, tags, start at boot, protection, " +
        "guest agent, OS type; 'delete' removes settings. Other keys (disks, NICs, passthrough, hookscripts, locks) are refused with the reason. " +
        "Refused if someone changed the config meanwhile (digest). Returns each change as before -> after. Disks grow with resize_vm_disk; " +
        "for a container use update_container.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/config")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/config")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> UpdateVm(
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.Node)] string? node = null,
        [Description("New name (a DNS name, e.g. web-01).")] string? name = null,
        [Description("CPU cores per socket.")] int? cores = null,
        [Description("CPU sockets.")] int? sockets = null,
        [Description("Memory in MiB.")] int? memory = null,
        [Description("Minimum memory in MiB the balloon driver may shrink it to; 0 turns ballooning off.")] int? balloon = null,
        [Description("CPU type, e.g. host or x86-64-v2-AES.")] string? cpu = null,
        [Description("CPU usage limit in cores, e.g. 1.5 (0 = no limit).")] double? cpulimit = null,
        [Description(GuestText.Description)] string? description = null,
        [Description("Tags, replacing the current ones, separated by ';' (e.g. 'prod;web').")] string? tags = null,
        [Description("Start the VM when its node boots.")] bool? onboot = null,
        [Description("Protection against deletion: true protects; false lifts it.")] bool? protection = null,
        [Description("QEMU guest agent enabled (the agent must be installed in the guest).")] bool? agent = null,
        [Description("Guest OS type: l26, win11, win10, win8, win7, wvista, w2k8, w2k3, w2k, wxp, l24, solaris or other.")] string? ostype = null,
        [Description(GuestText.Delete)] string[]? delete = null,
        [Description(GuestText.LegacyConfig)] Dictionary<string, JsonElement>? config = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.UpdateAsync(
            Vm("update_vm", vmid, node),
            new(
                SettingRules.Named(
                    ("name", name), ("cores", cores), ("sockets", sockets), ("memory", memory), ("balloon", balloon), ("cpu", cpu), ("cpulimit", cpulimit),
                    ("description", description), ("tags", tags), ("onboot", onboot), ("protection", protection), ("agent", agent), ("ostype", ostype)),
                delete,
                config),
            progress,
            cancellationToken);

    [McpServerTool(Name = "resize_vm_disk", Title = "Grow VM disk", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Grows a VM disk (e.g. scsi0) by an amount ('+10G') or to a total ('50G'); disks only grow, never shrink. Works while the VM runs. " +
        "Returns the outcome and the size before -> after; the partition and filesystem inside the guest must then be grown there. " +
        "get_vm lists the disks; for a container use resize_container_disk.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/config")]
    [PveEndpoint("PUT /nodes/{node}/qemu/{vmid}/resize")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> ResizeVmDisk(
        [Description(GuestText.Vmid)] int vmid,
        [Description("Disk to grow: scsi0-30, virtio0-15, sata0-5, ide0-3, efidisk0 or tpmstate0 (get_vm lists them).")] string disk,
        [Description(GuestText.ResizeSize)] string size,
        [Description(GuestText.Node)] string? node = null,
        [Description(GuestText.Wait)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.ResizeDiskAsync(Vm("resize_vm_disk", vmid, node), disk, size, wait, progress, cancellationToken);
}
