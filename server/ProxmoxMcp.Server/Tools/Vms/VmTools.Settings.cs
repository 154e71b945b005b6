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
    [DefaultProfile]
    [McpServerTool(Name = "update_vm", Title = "Change VM settings", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ConfigChangeOutput))]
    [Description("Changes a VM's name, CPU, memory, balloon, description, tags, onboot, protection, agent or ostype; delete removes keys. Returns each change; disks grow with resize_vm_disk.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/config")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/config")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> UpdateVm(
        int vmid,
        string? node = null,
        string? name = null,
        [Description("Per socket.")] int? cores = null,
        int? sockets = null,
        [Description("MiB.")] int? memory = null,
        [Description("Minimum MiB; 0 = off.")] int? balloon = null,
        [Description("e.g. host or x86-64-v2-AES.")] string? cpu = null,
        [Description("In cores, e.g. 1.5; 0 = none.")] double? cpulimit = null,
        [Description(GuestText.Description)] string? description = null,
        [Description("Replace tags, e.g. prod;web.")] string? tags = null,
        bool? onboot = null,
        [Description("true blocks deletion.")] bool? protection = null,
        bool? agent = null,
        [Description("l26 (Linux), win11, win10, ..., other.")] string? ostype = null,
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
    [Description("Grows a VM disk (e.g. scsi0) by '+10G' or to '50G', never shrinks; the guest's filesystem is grown inside afterwards. Returns before -> after.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/config")]
    [PveEndpoint("PUT /nodes/{node}/qemu/{vmid}/resize")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> ResizeVmDisk(
        int vmid,
        [Description("e.g. scsi0.")] string disk,
        [Description(GuestText.ResizeSize)] string size,
        string? node = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.ResizeDiskAsync(Vm("resize_vm_disk", vmid, node), disk, size, wait, progress, cancellationToken);
}
