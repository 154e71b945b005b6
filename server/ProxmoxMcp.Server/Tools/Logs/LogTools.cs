using System.ComponentModel;
using System.Text.RegularExpressions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Logs;

/// <summary>Logs, bounded: a node's system log, the cluster log, the firewall logs. A task's log is get_task_log.</summary>
public sealed partial class LogTools(ProxmoxClient proxmox, GuestLocator locator)
{
    private const int DefaultLines = 50;

    [McpServerTool(Name = "get_node_log", Title = "Node system log", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(LogOutput))]
    [Description("Returns a node's system log (journal) lines: the last 50, or from start; filter by service and time (node local time).")]
    [PveEndpoint("GET /nodes/{node}/syslog")]
    public async Task<CallToolResult> GetNodeLog(
        string node,
        [Description("systemd unit, e.g. pveproxy or pve-ha-lrm.")] string? service = null,
        [Description(LogTime.Description)] string? since = null,
        string? until = null,
        [Description("First line (from 0); omit for the last lines.")] int? start = null,
        [Description("Default 50, max 500.")] int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var name = NodeName.Parse(node);
        if (service is not null && !ServiceName().IsMatch(service))
        {
            throw new McpException($"service '{service}' is not a systemd unit name (letters, digits, @ . _ : -; at most 128).");
        }

        var query = new SyslogQuery
        {
            Service = service,
            Since = LogTime.ToSyslog(LogTime.Parse(since, "since")),
            Until = LogTime.ToSyslog(LogTime.Parse(until, "until")),
        };
        var take = Window(start, limit);

        // GET /nodes/{node}/syslog
        var (lines, total, first) = await LogTail.ReadAsync(at => proxmox.GetNodeSyslogAsync(name, query with { Start = at, Limit = take }, cancellationToken), start, take);

        var log = $"{name} system log{(service is null ? "" : $" ({service})")}";
        return ToolResults.Success(LogOutput.Of(log, first, total, lines.Select(l => l.Text)), LogJsonContext.Default.LogOutput);
    }

    [McpServerTool(Name = "get_cluster_log", Title = "Cluster log", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(LogOutput))]
    [Description("Returns the newest cluster log entries (logins, task starts and ends, HA events) from all nodes, newest first.")]
    [PveEndpoint("GET /cluster/log")]
    public async Task<CallToolResult> GetClusterLog(
        [Description("Entries, default 50, max 500.")] int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var take = Window(0, limit);

        // GET /cluster/log
        var entries = await proxmox.GetClusterLogAsync(take, cancellationToken);
        var lines = entries.Take(take).Select(e => $"{Format.Time(e.Time)} {e.Node} {e.User} {e.Tag}: {e.Message}");
        return ToolResults.Success(LogOutput.Of("Cluster log, newest first", 0, null, lines), LogJsonContext.Default.LogOutput);
    }

    [McpServerTool(Name = "get_firewall_log", Title = "Firewall log", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(LogOutput))]
    [Description("Returns firewall log lines of a node, or of a guest when vmid is given: the last 50, or from start; since/until in UTC.")]
    [PveEndpoint("GET /nodes/{node}/firewall/log")]
    [PveEndpoint("GET /nodes/{node}/{qemu|lxc}/{vmid}/firewall/log")]
    [PveEndpoint("GET /cluster/resources?type=vm")]
    public async Task<CallToolResult> GetFirewallLog(
        string? node = null,
        int? vmid = null,
        [Description(LogTime.Description)] string? since = null,
        string? until = null,
        [Description("First line (from 0); omit for the last lines.")] int? start = null,
        [Description("Default 50, max 500.")] int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var nodeName = ToolArguments.OptionalNode(node);
        GuestRef? guest = vmid is { } id ? await locator.LocateAnyAsync(VmId.From(id), nodeName, cancellationToken) : null;
        var host = guest?.Node ?? nodeName ?? throw new McpException("Give node (a node's firewall log) or vmid (a guest's).");
        var query = new FirewallLogQuery { Since = LogTime.ToUnix(LogTime.Parse(since, "since")), Until = LogTime.ToUnix(LogTime.Parse(until, "until")) };
        var take = Window(start, limit);

        Task<(IReadOnlyList<TaskLogLine> Lines, int? Total)> Read(int first) => guest is null
            ? proxmox.GetNodeFirewallLogAsync(host, query with { Start = first, Limit = take }, cancellationToken) // GET /nodes/{node}/firewall/log
            : proxmox.GetGuestFirewallLogAsync(host, guest.Type, guest.VmId, query with { Start = first, Limit = take }, cancellationToken); // GET /nodes/{node}/{type}/{vmid}/firewall/log

        var (lines, total, from) = await LogTail.ReadAsync(Read, start, take);
        var log = guest is null ? $"{host} firewall log" : $"{guest.Describe()}: firewall log";
        return ToolResults.Success(LogOutput.Of(log, from, total, lines.Select(l => l.Text)), LogJsonContext.Default.LogOutput);
    }

    /// <summary>How many lines to read; start, when given, must be a line number.</summary>
    private static int Window(int? start, int? limit)
    {
        if (start is < 0)
        {
            throw new McpException("start must be 0 or more (0 is the first line); omit it for the last lines.");
        }

        return Math.Clamp(limit ?? DefaultLines, 1, Paging.MaxLimit);
    }

    [GeneratedRegex(@"^[A-Za-z0-9@._:\-]{1,128}$")]
    private static partial Regex ServiceName();
}
