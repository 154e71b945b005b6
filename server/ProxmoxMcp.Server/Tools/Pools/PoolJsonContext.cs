using System.Text.Json.Serialization;

namespace ProxmoxMcp.Server.Tools.Pools;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PoolListOutput))]
[JsonSerializable(typeof(PoolOutput))]
[JsonSerializable(typeof(PoolChangeOutput))]
public sealed partial class PoolJsonContext : JsonSerializerContext;
