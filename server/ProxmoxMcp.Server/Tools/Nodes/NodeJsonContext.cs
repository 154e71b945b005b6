using System.Text.Json.Serialization;

namespace ProxmoxMcp.Server.Tools.Nodes;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NodeListOutput))]
[JsonSerializable(typeof(NodeStatusOutput))]
[JsonSerializable(typeof(MetricsOutput))]
public sealed partial class NodeJsonContext : JsonSerializerContext;
