using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Tools.Infrastructure;
using ProxmoxMcp.Server.Tools.Nodes;

namespace ProxmoxMcp.Server.Tools.Guests;

/// <summary>Filters of get_vms and get_containers.</summary>
public sealed record GuestListFilter(string? Node, string? Status, string? Name, string? Tag, bool? Template, int? Offset, int? Limit, string? Sort = null, string? Fields = null);

// Read-only operations: lists, details, raw configuration, metrics.
public sealed partial class GuestOperations
{
    private static readonly string[] Statuses = ["running", "stopped", "paused", "unknown"];

    /// <summary>One GET /cluster/resources?type=vm for the whole cluster, filtered, sorted by vmid and paged.</summary>
    public async Task<CallToolResult> ListAsync(GuestType type, GuestListFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var node = ToolArguments.OptionalNode(filter.Node, "node");
        var status = filter.Status?.Trim().ToLowerInvariant() is { Length: > 0 } s ? s : null;
        if (status is not null && !Statuses.Contains(status))
        {
            throw new McpException($"'status' {GuestArguments.Quote(filter.Status)} is not one of: running, stopped, paused.");
        }

        var tag = string.IsNullOrWhiteSpace(filter.Tag) ? null : filter.Tag.Trim();
        var resources = await proxmox.GetClusterResourcesAsync(ClusterResourceType.Vm, cancellationToken);
        var guests = resources.Where(r => r.VmId is not null && GuestTypeExtensions.FromApiName(r.Type) is not null).ToList();
        if (node is { } n && !guests.Any(r => r.Node == n.Value))
        {
            // No guest at all there: a misspelt node looks the same as an empty one, so check the node list.
            await RequireNodeAsync(n, "node", mustBeOnline: false, cancellationToken);
        }

        var selected = guests
            .Where(r => GuestTypeExtensions.FromApiName(r.Type) == type)
            .Where(r => node is null || r.Node == node.Value.Value)
            .Where(r => status is null || string.Equals(r.Status, status, StringComparison.OrdinalIgnoreCase))
            .Where(r => string.IsNullOrEmpty(filter.Name) || (r.Name ?? "").Contains(filter.Name, StringComparison.OrdinalIgnoreCase))
            .Where(r => tag is null || Tags.Contains(r.Tags, tag))
            .Where(r => filter.Template is null || (r.Template ?? false) == filter.Template)
            .OrderBy(r => r.VmId)
            .Select(ToListItem)
            .ToList();
        var fields = GuestListItem.Shape.Fields(filter.Fields);
        var sorted = GuestListItem.Shape.Sort(selected, filter.Sort);
        var (items, page) = Paging.Apply(sorted, filter.Offset, filter.Limit);
        var table = GuestListItem.Table.Build(items, fields is null ? null : ["vmid", .. fields.Where(f => f != "vmid")]);
        var output = new GuestListOutput
        {
            Kind = type == GuestType.Qemu ? "VMs" : "containers",
            Columns = table.Columns,
            Rows = table.Rows,
            Units = ListUnits.Of(table.Columns),
            Table = table.Text,
            Page = page,
            Running = selected.Count(g => g.Status == "running"),
            Sort = string.IsNullOrWhiteSpace(filter.Sort) ? null : filter.Sort.Trim(),
        };
        return ToolResults.Success(output, GuestJsonContext.Default.GuestListOutput);
    }

    /// <summary>Status (GET .../status/current) and key configuration (GET .../config) of one guest.</summary>
    public async Task<CallToolResult> GetAsync(GuestCall call, CancellationToken cancellationToken)
    {
        var target = GuestTarget.Parse(call);
        var guest = await target.LocateAsync(locator, cancellationToken);
        var status = await proxmox.GetGuestStatusAsync(guest.Node, guest.Type, guest.VmId, cancellationToken);
        var config = await proxmox.GetGuestConfigAsync(guest.Node, guest.Type, guest.VmId, cancellationToken);
        return ToolResults.Success(GuestDetailBuilder.Build(guest, status, config), GuestJsonContext.Default.GuestDetailOutput);
    }

    /// <summary>The whole configuration as Proxmox stores it (secrets masked), with the digest.</summary>
    public async Task<CallToolResult> GetConfigAsync(GuestCall call, CancellationToken cancellationToken)
    {
        var target = GuestTarget.Parse(call);
        var guest = await target.LocateAsync(locator, cancellationToken);
        var config = await proxmox.GetGuestConfigAsync(guest.Node, guest.Type, guest.VmId, cancellationToken);
        var values = config.Values
            .Where(kv => kv.Key != "digest")
            .ToDictionary(kv => kv.Key, kv => kv.Key == "cipassword" ? "********" : kv.Value, StringComparer.Ordinal);
        var output = new GuestConfigOutput
        {
            VmId = guest.VmId.Value,
            Type = guest.Type.ApiName(),
            Node = guest.Node.Value,
            Digest = config.Digest,
            Config = new SortedDictionary<string, string>(values, StringComparer.Ordinal),
            Notes = Notes(guest.Note, $"Change settings with {target.ToolName("update")}; the key view is {target.ToolName("get")}."),
        };
        return ToolResults.Success(output, GuestJsonContext.Default.GuestConfigOutput);
    }

    /// <summary>RRD history (GET .../rrddata) summarised as average, maximum and latest per metric.</summary>
    public async Task<CallToolResult> MetricsAsync(GuestCall call, string? timeframe, CancellationToken cancellationToken)
    {
        var target = GuestTarget.Parse(call);
        var frame = NodeTools.ParseTimeframe(timeframe);
        var guest = await target.LocateAsync(locator, cancellationToken);
        var samples = await proxmox.GetGuestRrdDataAsync(guest.Node, guest.Type, guest.VmId, frame, RrdConsolidation.Average, cancellationToken);
        return ToolResults.Success(MetricsSummarizer.Summarize(guest.Describe(), frame, samples), NodeJsonContext.Default.MetricsOutput);
    }

    private static GuestListItem ToListItem(ClusterResource r) => new()
    {
        VmId = (int)r.VmId!.Value,
        Name = r.Name,
        Node = r.Node ?? "?",
        Status = r.Status,
        Template = r.Template == true ? true : null,
        Cpu = r.Cpu is { } cpu ? Math.Round(cpu, 4) : null,
        Cpus = r.MaxCpu,
        Mem = r.Mem,
        MaxMem = r.MaxMem,
        MaxDisk = r.MaxDisk,
        Uptime = r.Uptime,
        Tags = string.IsNullOrEmpty(r.Tags) ? null : r.Tags,
        Pool = r.Pool,
        Lock = string.IsNullOrEmpty(r.Lock) ? null : r.Lock,
        HaState = string.IsNullOrEmpty(r.HaState) ? null : r.HaState,
    };
}
