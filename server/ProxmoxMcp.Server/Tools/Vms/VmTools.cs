using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Server.Tools.Guests;
using ProxmoxMcp.Server.Tools.Infrastructure;
using ProxmoxMcp.Server.Tools.Nodes;

namespace ProxmoxMcp.Server.Tools.Vms;

/// <summary>
/// The QEMU VM tools: names, descriptions, annotations and arguments only; <see cref="GuestOperations"/> does the
/// work for VMs and containers alike. This file: reading.
/// </summary>
public sealed partial class VmTools(GuestOperations guests)
{
    private static GuestCall Vm(string tool, int vmid, string? node) => new(GuestType.Qemu, tool, vmid, node);

    [McpServerTool(Name = "get_vms", Title = "List VMs", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(GuestListOutput))]
    [Description("Lists the cluster's QEMU VMs, one line each: vmid, name, status, node, CPUs, memory, disk size, uptime, tags, pool, HA, lock. " +
        "Sorted by vmid; filter by node, status, name, tag or template; paged (limit, offset). For containers use get_containers; " +
        "for one VM's configuration use get_vm.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes")]
    public Task<CallToolResult> GetVms(
        [Description(GuestText.ListNode)] string? node = null,
        [Description(GuestText.ListStatus)] string? status = null,
        [Description(GuestText.ListName)] string? name = null,
        [Description(GuestText.ListTag)] string? tag = null,
        [Description(GuestText.ListTemplate)] bool? template = null,
        [Description(GuestText.Offset)] int? offset = null,
        [Description(GuestText.Limit)] int? limit = null,
        CancellationToken cancellationToken = default) =>
        guests.ListAsync(GuestType.Qemu, new(node, status, name, tag, template, offset, limit), cancellationToken);

    [McpServerTool(Name = "get_vm", Title = "VM details", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(GuestDetailOutput))]
    [Description("Returns one VM's status (running/stopped, uptime, CPU and memory use) and key configuration: cores, sockets, CPU type, memory, " +
        "balloon, disks with sizes, NICs with bridge and VLAN, OS type, tags, protection, template, start at boot, lock and HA state. " +
        "Use get_vm_config for every raw setting, get_vm_metrics for usage over time, get_container for an LXC container.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/status/current")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/config")]
    public Task<CallToolResult> GetVm(
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.Node)] string? node = null,
        CancellationToken cancellationToken = default) =>
        guests.GetAsync(Vm("get_vm", vmid, node), cancellationToken);

    [McpServerTool(Name = "get_vm_config", Title = "VM configuration", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(GuestConfigOutput))]
    [Description("Returns every configuration key of a VM exactly as Proxmox stores it (disks, NICs, boot order, cloud-init, ...; the cloud-init " +
        "password masked) and the config digest. Use get_vm for a compact summary with live status, update_vm to change settings.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/config")]
    public Task<CallToolResult> GetVmConfig(
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.Node)] string? node = null,
        CancellationToken cancellationToken = default) =>
        guests.GetConfigAsync(Vm("get_vm_config", vmid, node), cancellationToken);

    [McpServerTool(Name = "get_vm_metrics", Title = "VM metrics", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(MetricsOutput))]
    [Description("Summarises a VM's usage history (CPU, memory, network in/out, disk read/write) over the last hour, day, week, month or year " +
        "as average, maximum and latest values. Use get_vm for the current state, get_container_metrics for a container, get_node_metrics for a node.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/rrddata")]
    public Task<CallToolResult> GetVmMetrics(
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.Node)] string? node = null,
        [Description(GuestText.Timeframe)] string timeframe = "hour",
        CancellationToken cancellationToken = default) =>
        guests.MetricsAsync(Vm("get_vm_metrics", vmid, node), timeframe, cancellationToken);
}
