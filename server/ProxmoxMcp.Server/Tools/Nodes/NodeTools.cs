using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Nodes;

public sealed class NodeTools(ProxmoxClient proxmox)
{
    [DefaultProfile]
    [McpServerTool(Name = "get_nodes", Title = "List nodes", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(NodeListOutput))]
    [Description("Lists nodes with status, CPU, memory, root disk and uptime.")]
    public async Task<CallToolResult> GetNodes(CancellationToken cancellationToken = default)
    {
        // GET /nodes
        var nodes = await proxmox.GetNodesAsync(cancellationToken);
        var items = nodes.OrderBy(n => n.Node, StringComparer.Ordinal).Select(n => new NodeItem
        {
            Node = n.Node,
            Status = n.Status,
            Cpu = n.Cpu is { } cpu ? Math.Round(cpu, 4) : null,
            MaxCpu = n.MaxCpu,
            Mem = n.Mem,
            MaxMem = n.MaxMem,
            Disk = n.Disk,
            MaxDisk = n.MaxDisk,
            Uptime = n.Uptime,
            SslFingerprint = n.SslFingerprint,
        }).ToList();
        return ToolResults.Success(new NodeListOutput { Nodes = items }, NodeJsonContext.Default.NodeListOutput);
    }

    [DefaultProfile]
    [McpServerTool(Name = "get_node_status", Title = "Node status", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(NodeStatusOutput))]
    [Description("Returns one node's PVE and kernel versions, CPU, load, memory, swap and root disk.")]
    public async Task<CallToolResult> GetNodeStatus(
        string node,
        CancellationToken cancellationToken = default)
    {
        var name = NodeName.Parse(node);

        // GET /nodes/{node}/status
        var status = await proxmox.GetNodeStatusAsync(name, cancellationToken);
        var output = new NodeStatusOutput
        {
            Node = name.Value,
            PveVersion = status.PveVersion,
            Kernel = status.CurrentKernel?.Release ?? status.KernelVersion,
            Uptime = status.Uptime,
            Cpu = status.Cpu is { } cpu ? Math.Round(cpu, 4) : null,
            IoWait = status.IoWait is { } wait ? Math.Round(wait, 4) : null,
            CpuModel = status.CpuInfo?.Model,
            Cpus = status.CpuInfo?.Cpus,
            Sockets = status.CpuInfo?.Sockets,
            LoadAverage = status.LoadAverage,
            MemoryTotal = status.Memory?.Total,
            MemoryUsed = status.Memory?.Used,
            MemoryAvailable = status.Memory?.Available,
            SwapTotal = status.Swap?.Total,
            SwapUsed = status.Swap?.Used,
            RootFsTotal = status.RootFs?.Total,
            RootFsUsed = status.RootFs?.Used,
            BootMode = status.BootInfo?.Mode,
        };
        return ToolResults.Success(output, NodeJsonContext.Default.NodeStatusOutput);
    }

    [McpServerTool(Name = "get_node_metrics", Title = "Node metrics", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(MetricsOutput))]
    [Description("Summarises a node's CPU, iowait, load, memory, disk and network over a timeframe (avg, max, last).")]
    public async Task<CallToolResult> GetNodeMetrics(
        string node,
        string timeframe = "hour",
        CancellationToken cancellationToken = default)
    {
        var name = NodeName.Parse(node);
        var frame = ParseTimeframe(timeframe);

        // GET /nodes/{node}/rrddata
        var samples = await proxmox.GetNodeRrdDataAsync(name, frame, RrdConsolidation.Average, cancellationToken);
        return ToolResults.Success(MetricsSummarizer.Summarize($"node {name}", frame, samples), NodeJsonContext.Default.MetricsOutput);
    }

    public static RrdTimeframe ParseTimeframe(string? timeframe) => timeframe?.ToLowerInvariant() switch
    {
        null or "" or "hour" => RrdTimeframe.Hour,
        "day" => RrdTimeframe.Day,
        "week" => RrdTimeframe.Week,
        "month" => RrdTimeframe.Month,
        "year" => RrdTimeframe.Year,
        _ => throw new McpException($"timeframe '{timeframe}' is not one of: hour, day, week, month, year."),
    };
}
