using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools;

/// <summary>
/// Source-generated JSON for tool arguments and the shared result types (AOT). Each domain folder has its own
/// context for its output types (the generator cannot merge one context declared across files); all are chained here.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(TaskReport))]
[JsonSerializable(typeof(PageInfo))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(int[]))]
public sealed partial class ToolJsonContext : JsonSerializerContext
{
    private static readonly Lazy<JsonSerializerOptions> ToolOptions = new(() =>
    {
        var options = new JsonSerializerOptions(McpJsonUtilities.DefaultOptions)
        {
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };
        IJsonTypeInfoResolver[] contexts =
        [
            Default!,
            Cluster.ClusterJsonContext.Default,
            Nodes.NodeJsonContext.Default,
            Guests.GuestJsonContext.Default,
            Storage.StorageJsonContext.Default,
            Snapshots.SnapshotJsonContext.Default,
            Backups.BackupJsonContext.Default,
            Tasks.TaskJsonContext.Default,
            Pools.PoolJsonContext.Default,
            Agent.AgentJsonContext.Default,
            Provisioning.ProvisioningJsonContext.Default,
            Health.HealthJsonContext.Default,
        ];
        foreach (var context in contexts.Reverse())
        {
            options.TypeInfoResolverChain.Insert(0, context);
        }

        options.MakeReadOnly();
        return options;
    });

    /// <summary>The options tools are created with: this context first, then the SDK's own types.</summary>
    public static JsonSerializerOptions ToolSerializerOptions => ToolOptions.Value;
}
