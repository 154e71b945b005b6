using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Server.Tools.Guests;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Vms;

// Creating, copying, moving, templating and deleting VMs.
public sealed partial class VmTools
{
    [DefaultProfile]
    [McpServerTool(Name = "create_vm", Title = "Create VM", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Creates a VM with an optional SCSI disk (storage, diskSize), ISO CD-ROM and virtio NIC (bridge); returns the new vmid. To copy one use clone_vm.")]
    [PveEndpoint("GET /nodes")]
    [PveEndpoint("GET /cluster/nextid")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/qemu")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> CreateVm(
        string node,
        [Description(GuestText.NewId)] int? vmid = null,
        string? name = null,
        [Description(GuestText.Memory)] int? memory = null,
        [Description("Per socket.")] int? cores = null,
        int? sockets = null,
        [Description("e.g. host or x86-64-v2-AES.")] string? cpu = null,
        [Description("l26 (Linux), win11, win10, ..., other.")] string? ostype = null,
        [Description("ISO volume, e.g. local:iso/debian-12.iso.")] string? iso = null,
        [Description("e.g. local-lvm; no disk when omitted.")] string? storage = null,
        [Description(GuestText.DiskSize)] string? diskSize = null,
        [Description(GuestText.Bridge)] string? bridge = null,
        [Description(GuestText.Tags)] string? tags = null,
        string? pool = null,
        [Description(GuestText.Description)] string? description = null,
        bool start = false,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.CreateVmAsync(
            new(node, vmid)
            {
                Name = name, Memory = memory, Cores = cores, Sockets = sockets, Cpu = cpu, OsType = ostype, Iso = iso, Storage = storage,
                DiskSize = diskSize, Bridge = bridge, Tags = tags, Pool = pool, Description = description, Start = start, Wait = wait,
            },
            progress,
            cancellationToken);

    [DefaultProfile]
    [McpServerTool(Name = "delete_vm", Title = "Delete VM", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Deletes a stopped VM (shutdown_vm first) and its disks, and purges it from backup jobs, replication and HA. Needs confirm=vmid.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/config")]
    [PveEndpoint("DELETE /nodes/{node}/qemu/{vmid}")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> DeleteVm(
        McpServer server,
        int vmid,
        string? node = null,
        bool purge = true,
        [Description("Also destroy unreferenced disks of this vmid.")] bool destroy_unreferenced_disks = true,
        string? confirm = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.DeleteAsync(Vm("delete_vm", vmid, node), new(purge, destroy_unreferenced_disks, confirm, wait), server, progress, cancellationToken);

    [DefaultProfile]
    [McpServerTool(Name = "clone_vm", Title = "Clone VM", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Clones a VM or template to a new vmid (linked clones only from templates); returns the new vmid.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes")]
    [PveEndpoint("GET /cluster/nextid")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/clone")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> CloneVm(
        int vmid,
        [Description(GuestText.NewId)] int? newid = null,
        string? name = null,
        [Description(GuestText.CloneTarget)] string? target = null,
        [Description(GuestText.CloneFull)] bool? full = null,
        [Description(GuestText.CloneStorage)] string? storage = null,
        string? pool = null,
        [Description(GuestText.Description)] string? description = null,
        string? node = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.CloneAsync(
            Vm("clone_vm", vmid, node),
            new(newid, name, "name") { Target = target, Full = full, Storage = storage, Pool = pool, Description = description, Wait = wait },
            progress,
            cancellationToken);

    [DefaultProfile]
    [McpServerTool(Name = "migrate_vm", Title = "Migrate VM", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Moves a VM to another node: live when running, offline when stopped; wait_for_task follows a long one.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/migrate")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> MigrateVm(
        int vmid,
        string target,
        string? node = null,
        bool? online = null,
        [Description("Copy local disks of a running VM (default true).")] bool? with_local_disks = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.MigrateAsync(Vm("migrate_vm", vmid, node), new(target) { Online = online, WithLocalDisks = with_local_disks, Wait = wait }, progress, cancellationToken);

    [McpServerTool(Name = "convert_vm_to_template", Title = "Convert VM to template", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Turns a stopped VM into a template for clone_vm, irreversibly. Needs confirm=vmid.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/template")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> ConvertVmToTemplate(
        McpServer server,
        int vmid,
        string? node = null,
        string? confirm = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.ConvertToTemplateAsync(Vm("convert_vm_to_template", vmid, node), confirm, server, progress, cancellationToken);
}
