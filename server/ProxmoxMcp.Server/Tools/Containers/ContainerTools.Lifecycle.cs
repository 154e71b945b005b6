using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Server.Tools.Guests;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Containers;

// Creating, copying, moving, templating and deleting containers.
public sealed partial class ContainerTools
{
    [McpServerTool(Name = "create_container", Title = "Create container", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Creates an LXC container from a template volume (get_storage_content content=vztmpl), unprivileged, with optional eth0 and root SSH keys; returns the new vmid.")]
    [PveEndpoint("GET /nodes")]
    [PveEndpoint("GET /cluster/nextid")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/lxc")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> CreateContainer(
        string node,
        [Description("e.g. local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst.")] string ostemplate,
        [Description(GuestText.NewId)] int? vmid = null,
        string? hostname = null,
        [Description(GuestText.Memory)] int? memory = null,
        [Description("MiB.")] int? swap = null,
        int? cores = null,
        [Description("Storage for rootfs, e.g. local-lvm.")] string? storage = null,
        [Description("Rootfs GiB, e.g. 8 (default when storage is set).")] string? diskSize = null,
        [Description("e.g. vmbr0; no NIC when omitted.")] string? bridge = null,
        [Description("dhcp or CIDR, e.g. 192.168.1.50/24.")] string? ip = null,
        string? gateway = null,
        [Description("For root, one per line.")] string? ssh_public_keys = null,
        bool unprivileged = true,
        [Description("Needed for Docker inside.")] bool nesting = false,
        [Description(GuestText.Tags)] string? tags = null,
        string? pool = null,
        [Description(GuestText.Description)] string? description = null,
        bool start = false,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.CreateContainerAsync(
            new(node, ostemplate, vmid)
            {
                Hostname = hostname, Memory = memory, Swap = swap, Cores = cores, Storage = storage, DiskSize = diskSize, Bridge = bridge, Ip = ip,
                Gateway = gateway, SshPublicKeys = ssh_public_keys, Unprivileged = unprivileged, Nesting = nesting, Tags = tags, Pool = pool,
                Description = description, Start = start, Wait = wait,
            },
            progress,
            cancellationToken);

    [DefaultProfile]
    [McpServerTool(Name = "delete_container", Title = "Delete container", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Deletes a stopped container (shutdown_container first) and its volumes, and purges it from backup jobs, replication and HA. Needs confirm=vmid.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/lxc/{vmid}/config")]
    [PveEndpoint("DELETE /nodes/{node}/lxc/{vmid}")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> DeleteContainer(
        McpServer server,
        int vmid,
        string? node = null,
        bool purge = true,
        [Description("Also destroy unreferenced volumes of this vmid.")] bool destroy_unreferenced_disks = true,
        string? confirm = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.DeleteAsync(Ct("delete_container", vmid, node), new(purge, destroy_unreferenced_disks, confirm, wait), server, progress, cancellationToken);

    [McpServerTool(Name = "clone_container", Title = "Clone container", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Clones a container or template to a new vmid (linked clones only from templates); returns the new vmid.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes")]
    [PveEndpoint("GET /cluster/nextid")]
    [PveEndpoint("POST /nodes/{node}/lxc/{vmid}/clone")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> CloneContainer(
        int vmid,
        [Description(GuestText.NewId)] int? newid = null,
        string? hostname = null,
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
            Ct("clone_container", vmid, node),
            new(newid, hostname, "hostname") { Target = target, Full = full, Storage = storage, Pool = pool, Description = description, Wait = wait },
            progress,
            cancellationToken);

    [McpServerTool(Name = "migrate_container", Title = "Migrate container", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Moves a container to another node; a running one is restarted there (downtime). wait_for_task follows a long one.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes")]
    [PveEndpoint("POST /nodes/{node}/lxc/{vmid}/migrate")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> MigrateContainer(
        int vmid,
        string target,
        string? node = null,
        bool? restart = null,
        [Description("Shutdown seconds (default 180).")] int? timeout = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.MigrateAsync(Ct("migrate_container", vmid, node), new(target) { Restart = restart, TimeoutSeconds = timeout, Wait = wait }, progress, cancellationToken);

    [McpServerTool(Name = "convert_container_to_template", Title = "Convert container to template", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Turns a stopped container into a template for clone_container, irreversibly. Needs confirm=vmid.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/lxc/{vmid}/template")]
    [PveEndpoint("GET /nodes/{node}/tasks")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> ConvertContainerToTemplate(
        McpServer server,
        int vmid,
        string? node = null,
        string? confirm = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.ConvertToTemplateAsync(Ct("convert_container_to_template", vmid, node), confirm, server, progress, cancellationToken);
}
