using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;
using ProxmoxMcp.Server.Tools.Agent;
using ProxmoxMcp.Server.Tools.Backups;
using ProxmoxMcp.Server.Tools.Cluster;
using ProxmoxMcp.Server.Tools.Containers;
using ProxmoxMcp.Server.Tools.Health;
using ProxmoxMcp.Server.Tools.Nodes;
using ProxmoxMcp.Server.Tools.Pools;
using ProxmoxMcp.Server.Tools.Provisioning;
using ProxmoxMcp.Server.Tools.Snapshots;
using ProxmoxMcp.Server.Tools.Storage;
using ProxmoxMcp.Server.Tools.Tasks;
using ProxmoxMcp.Server.Tools.Vms;

namespace ProxmoxMcp.Server.Tools;

/// <summary>Every tool, by group. Tool classes are resolved from the request's services when called.</summary>
public static class ToolCatalog
{
    /// <summary>Every tool: tools/list entries from the precomputed tools.json, SDK tools built on first call.</summary>
    public static IReadOnlyList<ToolDefinition> All { get; } = Precomputed();

    /// <summary>Every tool built now from its method (schemas generated): the source tools.json is checked against.</summary>
    public static IReadOnlyList<ToolDefinition> Build() =>
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
        .. Of<AgentTools>(ToolGroups.Agent),
        .. Of<ProvisioningTools>(ToolGroups.Provisioning),
        .. Of<HealthTools>(ToolGroups.Health),
    ];

    /// <summary>The catalog as tools.json holds it: group and the full tools/list entry of each tool, in order.</summary>
    public static string Serialize(IReadOnlyList<ToolDefinition> tools)
    {
        var array = new JsonArray();
        foreach (var tool in tools)
        {
            array.Add((JsonNode)new JsonObject
            {
                ["group"] = tool.Group,
                ["tool"] = JsonSerializer.SerializeToNode(tool.Tool.ProtocolTool, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Tool))),
            });
        }

        return array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static List<ToolDefinition> Precomputed()
    {
        using var stream = typeof(ToolCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in the server");
        using var document = JsonDocument.Parse(stream);
        var methods = new Dictionary<string, Func<McpServerTool>>(StringComparer.Ordinal);
        AddFactories<ClusterTools>(methods);
        AddFactories<NodeTools>(methods);
        AddFactories<VmTools>(methods);
        AddFactories<ContainerTools>(methods);
        AddFactories<StorageTools>(methods);
        AddFactories<SnapshotTools>(methods);
        AddFactories<BackupTools>(methods);
        AddFactories<TaskTools>(methods);
        AddFactories<PoolTools>(methods);
        AddFactories<AgentTools>(methods);
        AddFactories<ProvisioningTools>(methods);
        AddFactories<HealthTools>(methods);
        var toolInfo = (JsonTypeInfo<Tool>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Tool));
        var tools = new List<ToolDefinition>();
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            var tool = entry.GetProperty("tool").Deserialize(toolInfo)!;
            var create = methods.GetValueOrDefault(tool.Name)
                ?? throw new InvalidOperationException($"tools.json names '{tool.Name}', which no tool method has: regenerate it (see ToolCatalogTests)");
            tools.Add(new ToolDefinition(entry.GetProperty("group").GetString()!, new PrecomputedTool(tool, create)));
        }

        return tools;
    }

    private const string ResourceName = "ProxmoxMcp.Server.tools.json";

    private static void AddFactories<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] T>(Dictionary<string, Func<McpServerTool>> factories)
        where T : class
    {
        foreach (var method in ToolMethods<T>())
        {
            factories[method.GetCustomAttribute<McpServerToolAttribute>()!.Name!] = () => Create<T>(method);
        }
    }

    private static IEnumerable<MethodInfo> ToolMethods<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] T>() =>
        typeof(T).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.GetCustomAttribute<McpServerToolAttribute>() is not null);

    private static McpServerTool Create<T>(MethodInfo method)
        where T : class =>
        McpServerTool.Create(
            method,
            context => context.Services!.GetRequiredService<T>(),
            new McpServerToolCreateOptions { SerializerOptions = ToolJsonContext.ToolSerializerOptions });

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
        .AddTransient<PoolTools>()
        .AddTransient<AgentTools>()
        .AddTransient<ProvisioningTools>()
        .AddTransient<HealthTools>();

    private static List<ToolDefinition> Of<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] T>(string group)
        where T : class =>
        ToolMethods<T>().Select(m => new ToolDefinition(group, Create<T>(m))).ToList();
}
