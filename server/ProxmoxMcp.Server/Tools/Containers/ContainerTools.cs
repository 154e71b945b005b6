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

    [DefaultProfile]
    [McpServerTool(Name = "get_containers", Title = "List containers", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(GuestListOutput))]
    [Description("Lists LXC containers with status, node, CPU, memory, disk, tags and pool.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes")]
    public Task<CallToolResult> GetContainers(
        string? node = null,
        [Description(GuestText.ListStatus)] string? status = null,
        [Description(GuestText.ListName)] string? name = null,
        string? tag = null,
        [Description(GuestText.ListTemplate)] bool? template = null,
        int? offset = null,
        int? limit = null,
        [Description(GuestText.Sort)] string? sort = null,
        [Description(GuestText.Fields)] string? fields = null,
        CancellationToken cancellationToken = default) =>
        guests.ListAsync(GuestType.Lxc, new(node, status, name, tag, template, offset, limit, sort, fields), cancellationToken);

    [DefaultProfile]
    [McpServerTool(Name = "get_container", Title = "Container details", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(GuestDetailOutput))]
    [Description("Returns a container's live status and key config (CPU, memory, volumes, NICs, features, tags, protection, HA); get_container_config has every raw key.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/lxc/{vmid}/status/current")]
    [PveEndpoint("GET /nodes/{node}/lxc/{vmid}/config")]
    public Task<CallToolResult> GetContainer(
        int vmid,
        string? node = null,
        CancellationToken cancellationToken = default) =>
        guests.GetAsync(Ct("get_container", vmid, node), cancellationToken);

    [McpServerTool(Name = "get_container_config", Title = "Container configuration", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(GuestConfigOutput))]
    [Description("Returns a container's raw configuration keys and digest.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/lxc/{vmid}/config")]
    public Task<CallToolResult> GetContainerConfig(
        int vmid,
        string? node = null,
        CancellationToken cancellationToken = default) =>
        guests.GetConfigAsync(Ct("get_container_config", vmid, node), cancellationToken);

    [McpServerTool(Name = "get_container_metrics", Title = "Container metrics", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(MetricsOutput))]
    [Description("Summarises a container's CPU, memory, network and disk I/O over a timeframe (avg, max, last).")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/lxc/{vmid}/rrddata")]
    public Task<CallToolResult> GetContainerMetrics(
        int vmid,
        string? node = null,
        [Description(GuestText.Timeframe)] string timeframe = "hour",
        CancellationToken cancellationToken = default) =>
        guests.MetricsAsync(Ct("get_container_metrics", vmid, node), timeframe, cancellationToken);
}
