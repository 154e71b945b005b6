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

    [DefaultProfile]
    [McpServerTool(Name = "get_vms", Title = "List VMs", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(GuestListOutput))]
    [Description("Lists QEMU VMs with status, node, CPU, memory, disk, tags and pool.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes")]
    public Task<CallToolResult> GetVms(
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
        guests.ListAsync(GuestType.Qemu, new(node, status, name, tag, template, offset, limit, sort, fields), cancellationToken);

    [DefaultProfile]
    [McpServerTool(Name = "get_vm", Title = "VM details", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(GuestDetailOutput))]
    [Description("Returns a VM's live status and key config (CPU, memory, disks, NICs, tags, protection, HA); get_vm_config has every raw key.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/status/current")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/config")]
    public Task<CallToolResult> GetVm(
        int vmid,
        string? node = null,
        CancellationToken cancellationToken = default) =>
        guests.GetAsync(Vm("get_vm", vmid, node), cancellationToken);

    [DefaultProfile]
    [McpServerTool(Name = "get_vm_config", Title = "VM configuration", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(GuestConfigOutput))]
    [Description("Returns a VM's raw configuration keys and digest.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/config")]
    public Task<CallToolResult> GetVmConfig(
        int vmid,
        string? node = null,
        CancellationToken cancellationToken = default) =>
        guests.GetConfigAsync(Vm("get_vm_config", vmid, node), cancellationToken);

    [McpServerTool(Name = "get_vm_metrics", Title = "VM metrics", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(MetricsOutput))]
    [Description("Summarises a VM's CPU, memory, network and disk I/O over a timeframe (avg, max, last).")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/rrddata")]
    public Task<CallToolResult> GetVmMetrics(
        int vmid,
        string? node = null,
        [Description(GuestText.Timeframe)] string timeframe = "hour",
        CancellationToken cancellationToken = default) =>
        guests.MetricsAsync(Vm("get_vm_metrics", vmid, node), timeframe, cancellationToken);
}
