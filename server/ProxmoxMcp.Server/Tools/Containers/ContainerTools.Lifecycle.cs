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
    [Description("Creates an LXC container on a node from a template volume (e.g. local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst), " +
        "unprivileged by default, with an optional eth0 (bridge, DHCP or static IP) and SSH keys for root; waits and returns the outcome with the " +
        "new vmid. There is no password argument: a password given here would stay in the conversation; use ssh_public_keys. " +
        "get_storage_content with content=vztmpl lists templates. To copy a container use clone_container; for a VM create_vm.")]
    [PveEndpoint("GET /nodes")]
    [PveEndpoint("GET /cluster/nextid")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/lxc")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> CreateContainer(
        [Description(GuestText.NewNode)] string node,
        [Description("Template volume, e.g. local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst.")] string ostemplate,
        [Description(GuestText.NewId)] int? vmid = null,
        [Description("Hostname (a DNS name, e.g. dns-01).")] string? hostname = null,
        [Description(GuestText.Memory + " Proxmox's default is 512.")] int? memory = null,
        [Description("Swap in MiB (Proxmox's default is 512).")] int? swap = null,
        [Description(GuestText.Cores + " Default: all of the node's.")] int? cores = null,
        [Description("Storage for the root filesystem, e.g. local-lvm. Proxmox's default, local, often cannot hold containers; get_storages shows which take rootdir.")] string? storage = null,
        [Description(GuestText.DiskSize + " Root filesystem size; default 8 when storage is given.")] string? diskSize = null,
        [Description("Network bridge for eth0 (e.g. vmbr0); no network when omitted.")] string? bridge = null,
        [Description("eth0's IPv4 address: 'dhcp' (default) or CIDR, e.g. '192.168.1.50/24'.")] string? ip = null,
        [Description("IPv4 gateway for a static ip, e.g. '192.168.1.1'.")] string? gateway = null,
        [Description("OpenSSH public keys for root, one per line.")] string? ssh_public_keys = null,
        [Description("Unprivileged container (default true; safer: root inside is not root on the host).")] bool unprivileged = true,
        [Description("Allow nesting (needed for Docker or systemd services inside; default false).")] bool nesting = false,
        [Description(GuestText.Tags)] string? tags = null,
        [Description(GuestText.Pool)] string? pool = null,
        [Description(GuestText.Description)] string? description = null,
        [Description(GuestText.Start)] bool start = false,
        [Description(GuestText.Wait)] bool wait = true,
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

    [McpServerTool(Name = "delete_container", Title = "Delete container", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Permanently deletes a stopped container and its volumes, and by default removes it from backup jobs, replication and HA. Needs " +
        "the user's confirmation. Refused for a running container (stop it first: shutdown_container) and for a protected one (Proxmox refuses; " +
        "update_container protection=false lifts it, if the user really wants that). Returns the task outcome. For a VM use delete_vm.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/lxc/{vmid}/config")]
    [PveEndpoint("DELETE /nodes/{node}/lxc/{vmid}")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> DeleteContainer(
        McpServer server,
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.Node)] string? node = null,
        [Description("Also remove the container from backup jobs, replication and HA (default true).")] bool purge = true,
        [Description("Also destroy volumes on any storage that carry this vmid but are not in its config (default true, as in the Proxmox GUI).")] bool destroy_unreferenced_disks = true,
        [Description(GuestText.Confirm)] string? confirm = null,
        [Description(GuestText.Wait)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.DeleteAsync(Ct("delete_container", vmid, node), new(purge, destroy_unreferenced_disks, confirm, wait), server, progress, cancellationToken);

    [McpServerTool(Name = "clone_container", Title = "Clone container", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Copies a container or container template to a new container (next free id unless newid is given), optionally on another node, " +
        "storage or pool; waits and returns the outcome with the new vmid. Full clones are independent copies; linked clones (only from templates) " +
        "share the template's volumes. The clone is not started. For a VM use clone_vm.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes")]
    [PveEndpoint("GET /cluster/nextid")]
    [PveEndpoint("POST /nodes/{node}/lxc/{vmid}/clone")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> CloneContainer(
        [Description("Id of the container or template to copy.")] int vmid,
        [Description(GuestText.NewId)] int? newid = null,
        [Description("Hostname of the new container (a DNS name, e.g. web-02).")] string? hostname = null,
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
            Ct("clone_container", vmid, node),
            new(newid, hostname, "hostname") { Target = target, Full = full, Storage = storage, Pool = pool, Description = description, Wait = wait },
            progress,
            cancellationToken);

    [McpServerTool(Name = "migrate_container", Title = "Migrate container", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Moves a container to another online node. Containers cannot move live: a running one is shut down, moved and started again " +
        "(restart migration, with downtime); a stopped one moves offline. Waits up to the task timeout; a longer migration returns its task id " +
        "to follow with wait_for_task. A container already on the target needs nothing. For a VM use migrate_vm.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes")]
    [PveEndpoint("POST /nodes/{node}/lxc/{vmid}/migrate")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> MigrateContainer(
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.MigrateTarget)] string target,
        [Description(GuestText.Node)] string? node = null,
        [Description("Restart migration of a running container (default: true when it runs). false is refused for a running container.")] bool? restart = null,
        [Description("Seconds to wait for the shutdown in a restart migration (Proxmox's default 180).")] int? timeout = null,
        [Description(GuestText.Wait)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.MigrateAsync(Ct("migrate_container", vmid, node), new(target) { Restart = restart, TimeoutSeconds = timeout, Wait = wait }, progress, cancellationToken);

    [McpServerTool(Name = "convert_container_to_template", Title = "Convert container to template", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Turns a stopped container into a template, irreversibly: it can never be started again, only cloned (clone_container). " +
        "No data is deleted, but because it cannot be undone it is marked destructive and needs the user's confirmation. " +
        "A container that already is a template needs nothing. For a VM use convert_vm_to_template.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/lxc/{vmid}/template")]
    [PveEndpoint("GET /nodes/{node}/tasks")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> ConvertContainerToTemplate(
        McpServer server,
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.Node)] string? node = null,
        [Description(GuestText.Confirm)] string? confirm = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.ConvertToTemplateAsync(Ct("convert_container_to_template", vmid, node), confirm, server, progress, cancellationToken);
}
