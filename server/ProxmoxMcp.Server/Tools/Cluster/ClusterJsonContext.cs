using System.Text.Json.Serialization;

namespace ProxmoxMcp.Server.Tools.Cluster;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ClusterStatusOutput))]
[JsonSerializable(typeof(ClusterResourcesOutput))]
[JsonSerializable(typeof(ClusterListOutput))]
public sealed partial class ClusterJsonContext : JsonSerializerContext;
