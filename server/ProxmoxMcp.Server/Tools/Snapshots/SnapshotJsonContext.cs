using System.Text.Json.Serialization;

namespace ProxmoxMcp.Server.Tools.Snapshots;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SnapshotListOutput))]
public sealed partial class SnapshotJsonContext : JsonSerializerContext;
