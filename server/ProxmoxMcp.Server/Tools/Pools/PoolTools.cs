using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Pools;

// Pool ids may be nested (a/b): they travel as the poolid parameter of /pools, never in a path (the client does this).
public sealed class PoolTools(ProxmoxClient proxmox, Confirmation confirmation)
{
    [DefaultProfile]
    [McpServerTool(Name = "get_pools", Title = "List pools", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(PoolListOutput))]
    [Description("Lists resource pools with comment and guest count.")]
    [PveEndpoint("GET /pools")]
    [PveEndpoint("GET /cluster/resources?type=vm")]
    public async Task<CallToolResult> GetPools(CancellationToken cancellationToken = default)
    {
        // GET /pools
        var pools = await proxmox.GetPoolsAsync(cancellationToken);

        // GET /cluster/resources?type=vm (guest counts per pool, in one request)
        var guests = await proxmox.GetClusterResourcesAsync(ClusterResourceType.Vm, cancellationToken);
        var counts = guests.Where(g => g.Pool is not null).GroupBy(g => g.Pool!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var items = pools.OrderBy(p => p.PoolId, StringComparer.Ordinal)
            .Select(p => new PoolItem { PoolId = p.PoolId, Comment = string.IsNullOrWhiteSpace(p.Comment) ? null : p.Comment, Guests = counts.GetValueOrDefault(p.PoolId) })
            .ToList();
        return ToolResults.Success(new PoolListOutput { Pools = items }, PoolJsonContext.Default.PoolListOutput);
    }

    [DefaultProfile]
    [McpServerTool(Name = "get_pool", Title = "Pool members", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(PoolOutput))]
    [Description("Returns a pool's comment and members: guests and storages.")]
    [PveEndpoint("GET /pools?poolid={poolid}")]
    public async Task<CallToolResult> GetPool(
        string poolid,
        CancellationToken cancellationToken = default)
    {
        var id = PoolId.Parse(poolid);
        var pool = await FindAsync(id, cancellationToken);
        var members = (pool.Members ?? [])
            .OrderBy(m => m.Type == "storage" ? 1 : 0).ThenBy(m => m.VmId ?? 0).ThenBy(m => m.Id, StringComparer.Ordinal)
            .Select(m => new PoolMemberItem
            {
                Type = m.Type,
                Id = m.Id,
                VmId = m.VmId,
                Name = m.Name,
                Node = m.Node,
                Status = m.Status,
                Storage = m.Storage,
                Template = m.Template == true ? true : null,
            })
            .ToList();
        return ToolResults.Success(new PoolOutput { PoolId = id.Value, Comment = pool.Comment, Members = members }, PoolJsonContext.Default.PoolOutput);
    }

    [DefaultProfile]
    [McpServerTool(Name = "create_pool", Title = "Create pool", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(PoolChangeOutput))]
    [Description("Creates a resource pool (parent/child nests it); add members with update_pool.")]
    [PveEndpoint("POST /pools")]
    public async Task<CallToolResult> CreatePool(
        string poolid,
        string? comment = null,
        CancellationToken cancellationToken = default)
    {
        var id = PoolId.Parse(poolid);

        // POST /pools
        await proxmox.CreatePoolAsync(id, comment, cancellationToken);
        return ToolResults.Success(new PoolChangeOutput { PoolId = id.Value, Done = ["created" + (comment is null ? "" : " with its comment")] }, PoolJsonContext.Default.PoolChangeOutput);
    }

    [McpServerTool(Name = "update_pool", Title = "Update pool", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(PoolChangeOutput))]
    [Description("Adds or removes a pool's guests and storages and sets its comment; allow_move=true takes guests from other pools. Returns what changed.")]
    [PveEndpoint("PUT /pools")]
    public async Task<CallToolResult> UpdatePool(
        string poolid,
        int[]? add_vmids = null,
        int[]? remove_vmids = null,
        string[]? add_storages = null,
        string[]? remove_storages = null,
        [Description("Empty clears it.")] string? comment = null,
        bool? allow_move = null,
        CancellationToken cancellationToken = default)
    {
        var id = PoolId.Parse(poolid);
        var addVms = (add_vmids ?? []).Select(v => VmId.From(v, "add_vmids")).Distinct().ToList();
        var removeVms = (remove_vmids ?? []).Select(v => VmId.From(v, "remove_vmids")).Distinct().ToList();
        var addStorages = (add_storages ?? []).Select(s => StorageId.Parse(s, "add_storages")).Distinct().ToList();
        var removeStorages = (remove_storages ?? []).Select(s => StorageId.Parse(s, "remove_storages")).Distinct().ToList();
        if (addVms.Count + removeVms.Count + addStorages.Count + removeStorages.Count == 0 && comment is null)
        {
            throw new McpException("Nothing to change: give add_vmids, remove_vmids, add_storages, remove_storages or comment.");
        }

        if (addVms.Intersect(removeVms).Any() || addStorages.Intersect(removeStorages).Any())
        {
            throw new McpException("The same member is both added and removed; name each member once.");
        }

        var done = new List<string>();
        if (addVms.Count + addStorages.Count > 0 || comment is not null)
        {
            // PUT /pools (add members, set the comment)
            await proxmox.UpdatePoolAsync(id, addVms, addStorages, remove: false, comment, allow_move, cancellationToken);
            done.AddRange(Describe("added", addVms, addStorages));
            if (comment is not null)
            {
                done.Add(comment.Length == 0 ? "comment cleared" : "comment set");
            }
        }

        if (removeVms.Count + removeStorages.Count > 0)
        {
            // PUT /pools (delete=1: remove members)
            await proxmox.UpdatePoolAsync(id, removeVms, removeStorages, remove: true, cancellationToken: cancellationToken);
            done.AddRange(Describe("removed", removeVms, removeStorages));
        }

        return ToolResults.Success(new PoolChangeOutput { PoolId = id.Value, Done = done }, PoolJsonContext.Default.PoolChangeOutput);
    }

    [DefaultProfile]
    [McpServerTool(Name = "delete_pool", Title = "Delete pool", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(PoolChangeOutput))]
    [Description("Deletes an empty pool (update_pool removes members; guests are never deleted). Needs confirm=poolid.")]
    [PveEndpoint("DELETE /pools?poolid={poolid}")]
    [PveEndpoint("GET /pools")]
    [PveEndpoint("GET /pools?poolid={poolid}")]
    public async Task<CallToolResult> DeletePool(
        McpServer server,
        string poolid,
        string? confirm = null,
        CancellationToken cancellationToken = default)
    {
        var id = PoolId.Parse(poolid);
        var pool = await FindAsync(id, cancellationToken);
        var members = pool.Members ?? [];
        if (members.Count > 0)
        {
            var vmids = members.Where(m => m.VmId is not null).Select(m => m.VmId!.Value).Order().ToList();
            var storages = members.Where(m => m.Type == "storage" && m.Storage is not null).Select(m => m.Storage!).Distinct().Order(StringComparer.Ordinal).ToList();
            var how = new List<string> { $"poolid=\"{id}\"" };
            if (vmids.Count > 0)
            {
                how.Add($"remove_vmids=[{string.Join(", ", vmids)}]");
            }

            if (storages.Count > 0)
            {
                how.Add($"remove_storages=[{string.Join(", ", storages.Select(s => $"\"{s}\""))}]");
            }

            throw new McpException($"Pool {id} is not empty ({vmids.Count} guest(s), {storages.Count} storage(s)) and Proxmox deletes only empty pools. " +
                $"Empty it first with update_pool({string.Join(", ", how)}); that only takes them out of the pool, nothing is deleted. Then call delete_pool again.");
        }

        // GET /pools (nested pools under this one)
        var children = (await proxmox.GetPoolsAsync(cancellationToken)).Select(p => p.PoolId).Where(p => p.StartsWith(id.Value + "/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (children.Count > 0)
        {
            throw new McpException($"Pool {id} has nested pools ({string.Join(", ", children)}): delete those first.");
        }

        await confirmation.RequireAsync(server, "delete_pool", $"This deletes the empty pool {id}" + (string.IsNullOrWhiteSpace(pool.Comment) ? "" : $" (\"{pool.Comment}\")"), id.Value, confirm, cancellationToken);

        // DELETE /pools?poolid={poolid}
        await proxmox.DeletePoolAsync(id, cancellationToken);
        return ToolResults.Success(new PoolChangeOutput { PoolId = id.Value, Done = ["deleted"] }, PoolJsonContext.Default.PoolChangeOutput);
    }

    private async Task<Pool> FindAsync(PoolId id, CancellationToken cancellationToken) =>
        // GET /pools?poolid={poolid}
        await proxmox.GetPoolAsync(id, cancellationToken)
            ?? throw new McpException($"There is no pool '{id}'. get_pools lists the pools.");

    private static IEnumerable<string> Describe(string verb, List<VmId> vms, List<StorageId> storages)
    {
        if (vms.Count > 0)
        {
            yield return $"{verb} guest(s) {string.Join(", ", vms)}";
        }

        if (storages.Count > 0)
        {
            yield return $"{verb} storage(s) {string.Join(", ", storages)}";
        }
    }
}
