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
    [McpServerTool(Name = "create_vm", Title = "Create VM", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Creates a QEMU VM on a node: one SCSI disk (when storage is given), an optional installer ISO as CD-ROM, one virtio NIC " +
        "(when bridge is given); waits for the task and returns the outcome with the new vmid. Not started unless start=true. " +
        "To copy an existing VM or template use clone_vm; for a container use create_container.")]
    [PveEndpoint("GET /nodes")]
    [PveEndpoint("GET /cluster/nextid")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/qemu")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> CreateVm(
        [Description(GuestText.NewNode)] string node,
        [Description(GuestText.NewId)] int? vmid = null,
        [Description("VM name (a DNS name, e.g. web-01).")] string? name = null,
        [Description(GuestText.Memory + " Proxmox's default is 512.")] int? memory = null,
        [Description(GuestText.Cores + " Per socket; default 1.")] int? cores = null,
        [Description("CPU sockets (default 1).")] int? sockets = null,
        [Description("CPU type, e.g. host (fastest, no live migration between different CPUs) or x86-64-v2-AES (Proxmox's default).")] string? cpu = null,
        [Description("Guest OS type: l26 (Linux 2.6+), win11, win10, win8, win7, wvista, w2k8, w2k3, w2k, wxp, l24, solaris or other.")] string? ostype = null,
        [Description("Installer ISO volume, e.g. local:iso/debian-12.iso (get_storage_content with content=iso lists them).")] string? iso = null,
        [Description("Storage for the disk, e.g. local-lvm; no disk when omitted.")] string? storage = null,
        [Description(GuestText.DiskSize + " Default 32 when storage is given.")] string? diskSize = null,
        [Description(GuestText.Bridge)] string? bridge = null,
        [Description(GuestText.Tags)] string? tags = null,
        [Description(GuestText.Pool)] string? pool = null,
        [Description(GuestText.Description)] string? description = null,
        [Description(GuestText.Start)] bool start = false,
        [Description(GuestText.Wait)] bool wait = true,
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

    [McpServerTool(Name = "delete_vm", Title = "Delete VM", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Permanently deletes a stopped VM and its disks, and by default removes it from backup jobs, replication and HA. Needs the user's " +
        "confirmation. Refused for a running VM (stop it first: shutdown_vm) and for a protected one (Proxmox refuses; update_vm protection=false " +
        "lifts it, if the user really wants that). Returns the task outcome. For a container use delete_container.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/config")]
    [PveEndpoint("DELETE /nodes/{node}/qemu/{vmid}")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> DeleteVm(
        McpServer server,
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.Node)] string? node = null,
        [Description("Also remove the VM from backup jobs, replication and HA (default true).")] bool purge = true,
        [Description("Also destroy disks on any storage that carry this vmid but are not in its config (default true, as in the Proxmox GUI).")] bool destroy_unreferenced_disks = true,
        [Description(GuestText.Confirm)] string? confirm = null,
        [Description(GuestText.Wait)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.DeleteAsync(Vm("delete_vm", vmid, node), new(purge, destroy_unreferenced_disks, confirm, wait), server, progress, cancellationToken);

    [McpServerTool(Name = "clone_vm", Title = "Clone VM", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Copies a VM or template to a new VM (next free id unless newid is given), optionally on another node, storage or pool; " +
        "waits and returns the outcome with the new vmid. Full clones are independent copies; linked clones (only from templates) are quick " +
        "and share the template's disks. The clone is not started. For a container use clone_container.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes")]
    [PveEndpoint("GET /cluster/nextid")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/clone")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> CloneVm(
        [Description("Id of the VM or template to copy.")] int vmid,
        [Description(GuestText.NewId)] int? newid = null,
        [Description(GuestText.CloneName)] string? name = null,
        [Description(GuestText.CloneTarget)] string? target = null,
        [Description(GuestText.CloneFull)] bool? full = null,
        [Description(GuestText.CloneStorage)] string? storage = null,
        [Description(GuestText.Pool)] string? pool = null,
        [Description(GuestText.Description)] string? description = null,
        [Description(GuestText.Node)] string? node = null,
        [Description(GuestText.Wait)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.CloneAsync(
            Vm("clone_vm", vmid, node),
            new(newid, name, "name") { Target = target, Full = full, Storage = storage, Pool = pool, Description = description, Wait = wait },
            progress,
            cancellationToken);

    [McpServerTool(Name = "migrate_vm", Title = "Migrate VM", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Moves a VM to another online node: a running VM live (it keeps running), a stopped one offline. Waits up to the task timeout; " +
        "a longer migration returns its task id to follow with wait_for_task. A VM already on the target needs nothing. For a container use migrate_container.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/migrate")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> MigrateVm(
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.MigrateTarget)] string target,
        [Description(GuestText.Node)] string? node = null,
        [Description("Live migration of a running VM (default: true when it runs). false is refused for a running VM.")] bool? online = null,
        [Description("Copy disks on local (not shared) storage to the target while it runs (default: true for a running VM, as the Proxmox GUI does; no effect on shared storage). A stopped VM's local disks are copied anyway.")] bool? with_local_disks = null,
        [Description(GuestText.Wait)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.MigrateAsync(Vm("migrate_vm", vmid, node), new(target) { Online = online, WithLocalDisks = with_local_disks, Wait = wait }, progress, cancellationToken);

    [McpServerTool(Name = "convert_vm_to_template", Title = "Convert VM to template", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Turns a stopped VM into a template, irreversibly: it can never be started again, only cloned (clone_vm; linked clones then " +
        "share its disks). No data is deleted, but because it cannot be undone it is marked destructive and needs the user's confirmation. " +
        "A VM that already is a template needs nothing. For a container use convert_container_to_template.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/template")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> ConvertVmToTemplate(
        McpServer server,
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.Node)] string? node = null,
        [Description(GuestText.Confirm)] string? confirm = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.ConvertToTemplateAsync(Vm("convert_vm_to_template", vmid, node), confirm, server, progress, cancellationToken);
}
