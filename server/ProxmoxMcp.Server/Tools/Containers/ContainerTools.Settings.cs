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
    [Description("Changes a container's hostname, cores, memory, swap, cpulimit, description, tags, onboot or protection; delete removes keys. Returns each change; volumes grow with resize_container_disk.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/lxc/{vmid}/config")]
    [PveEndpoint("PUT /nodes/{node}/lxc/{vmid}/config")]
    public Task<CallToolResult> UpdateContainer(
        int vmid,
        string? node = null,
        string? hostname = null,
        int? cores = null,
        [Description("MiB.")] int? memory = null,
        [Description("MiB.")] int? swap = null,
        [Description("In cores, e.g. 1.5; 0 = none.")] double? cpulimit = null,
        [Description(GuestText.Description)] string? description = null,
        [Description("Replace tags, e.g. prod;dns.")] string? tags = null,
        bool? onboot = null,
        [Description("true blocks deletion.")] bool? protection = null,
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
    [Description("Grows a container's rootfs or mount point (mp0...) by '+10G' or to '50G', filesystem included, never shrinks. Returns before -> after.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/lxc/{vmid}/config")]
    [PveEndpoint("PUT /nodes/{node}/lxc/{vmid}/resize")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> ResizeContainerDisk(
        int vmid,
        [Description("rootfs or mp0...")] string disk,
        [Description(GuestText.ResizeSize)] string size,
        string? node = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.ResizeDiskAsync(Ct("resize_container_disk", vmid, node), disk, size, wait, progress, cancellationToken);
}
