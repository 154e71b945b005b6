using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;
using ProxmoxMcp.Server.Tools.Backups;
using ProxmoxMcp.Server.Tools.Cluster;
using ProxmoxMcp.Server.Tools.Containers;
using ProxmoxMcp.Server.Tools.Nodes;
using ProxmoxMcp.Server.Tools.Pools;
using ProxmoxMcp.Server.Tools.Snapshots;
using ProxmoxMcp.Server.Tools.Storage;
using ProxmoxMcp.Server.Tools.Tasks;
using ProxmoxMcp.Server.Tools.Vms;

namespace ProxmoxMcp.Server.Tools;

/// <summary>Every tool, by group. Tool classes are resolved from the request's services when called.</summary>
public static class ToolCatalog
{
    public static IReadOnlyList<ToolDefinition> All { get; } =
    [
        .. Of<ClusterTools>(ToolGroups.Cluster),
        .. Of<NodeTools>(ToolGroups.Nodes),
        .. Of<VmTools>(ToolGroups.Vms),
        .. Of<ContainerTools>(ToolGroups.Containers),
        .. Of<StorageTools>(ToolGroups.Storage),
        .. Of<SnapshotTools>(ToolGroups.Snapshots),
        .. Of<BackupTools>(ToolGroups.Backups),
        .. Of<TaskTools>(ToolGroups.Tasks),
        .. Of<PoolTools>(ToolGroups.Pools),
    ];

    /// <summary>Registers the tool classes the catalog resolves.</summary>
    public static IServiceCollection AddToolClasses(this IServiceCollection services) => services
        .AddTransient<ClusterTools>()
        .AddTransient<NodeTools>()
        .AddTransient<VmTools>()
        .AddTransient<ContainerTools>()
        .AddTransient<StorageTools>()
        .AddTransient<SnapshotTools>()
        .AddTransient<BackupTools>()
        .AddTransient<TaskTools>()
        .AddTransient<PoolTools>();

    private static List<ToolDefinition> Of<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] T>(string group)
        where T : class =>
        typeof(T).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.GetCustomAttribute<McpServerToolAttribute>() is not null)
            .Select(m => new ToolDefinition(
                group,
                McpServerTool.Create(
                    m,
                    context => context.Services!.GetRequiredService<T>(),
                    new McpServerToolCreateOptions { SerializerOptions = ToolJsonContext.ToolSerializerOptions })))
            .ToList();
}
