using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Server.Tools.Guests;
using ProxmoxMcp.Server.Tools.Infrastructure;
using ProxmoxMcp.Server.Tools.Nodes;

namespace ProxmoxMcp.Server.Tools.Containers;

/// <summary>
/// The LXC container tools: names, descriptions, annotations and arguments only; <see cref="GuestOperations"/> does
/// the work for VMs and containers alike. This file: reading. (No suspend/resume: Proxmox's container checkpointing
/// is experimental and fails for most containers.)
/// </summary>
public sealed partial class ContainerTools(GuestOperations guests)
{
    private static GuestCall Ct(string tool, int vmid, string? node) => new(GuestType.Lxc, tool, vmid, node);

    [McpServerTool(Name = "get_containers", Title = "List containers", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(GuestListOutput))]
    [Description("Lists the cluster's LXC containers, one line each: vmid, name, status, node, CPUs, memory, disk size, uptime, tags, pool, HA, lock. " +
        "Sorted by vmid; filter by node, status, name, tag or template; paged (limit, offset). For VMs use get_vms; " +
        "for one container's configuration use get_container.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes")]
    public Task<CallToolResult> GetContainers(
        [Description(GuestText.ListNode)] string? node = null,
        [Description(GuestText.ListStatus)] string? status = null,
        [Description(GuestText.ListName)] string? name = null,
        [Description(GuestText.ListTag)] string? tag = null,
        [Description(GuestText.ListTemplate)] bool? template = null,
        [Description(GuestText.Offset)] int? offset = null,
        [Description(GuestText.Limit)] int? limit = null,
        CancellationToken cancellationToken = default) =>
        guests.ListAsync(GuestType.Lxc, new(node, status, name, tag, template, offset, limit), cancellationToken);

    [McpServerTool(Name = "get_container", Title = "Container details", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(GuestDetailOutput))]
    [Description("Returns one container's status (running/stopped, uptime, CPU and memory use) and key configuration: hostname, cores, memory, swap, " +
        "root filesystem and mount points with sizes, NICs with bridge and IP, OS type, unprivileged, features, tags, protection, template, " +
        "start at boot, lock and HA state. Use get_container_config for every raw setting, get_container_metrics for usage over time, get_vm for a VM.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/lxc/{vmid}/status/current")]
    [PveEndpoint("GET /nodes/{node}/lxc/{vmid}/config")]
    public Task<CallToolResult> GetContainer(
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.Node)] string? node = null,
        CancellationToken cancellationToken = default) =>
        guests.GetAsync(Ct("get_container", vmid, node), cancellationToken);

    [McpServerTool(Name = "get_container_config", Title = "Container configuration", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(GuestConfigOutput))]
    [Description("Returns every configuration key of a container exactly as Proxmox stores it (rootfs, mount points, NICs, features, ...) and the " +
        "config digest. Use get_container for a compact summary with live status, update_container to change settings.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/lxc/{vmid}/config")]
    public Task<CallToolResult> GetContainerConfig(
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.Node)] string? node = null,
        CancellationToken cancellationToken = default) =>
        guests.GetConfigAsync(Ct("get_container_config", vmid, node), cancellationToken);

    [McpServerTool(Name = "get_container_metrics", Title = "Container metrics", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(MetricsOutput))]
    [Description("Summarises a container's usage history (CPU, memory, network in/out, disk read/write) over the last hour, day, week, month or year " +
        "as average, maximum and latest values. Use get_container for the current state, get_vm_metrics for a VM, get_node_metrics for a node.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/lxc/{vmid}/rrddata")]
    public Task<CallToolResult> GetContainerMetrics(
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.Node)] string? node = null,
        [Description(GuestText.Timeframe)] string timeframe = "hour",
        CancellationToken cancellationToken = default) =>
        guests.MetricsAsync(Ct("get_container_metrics", vmid, node), timeframe, cancellationToken);
}
