using System.Text.Json.Serialization;

namespace ProxmoxMcp.Server.Tools.Health;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BackupAuditOutput))]
[JsonSerializable(typeof(ClusterHealthOutput))]
[JsonSerializable(typeof(HaStatusOutput))]
[JsonSerializable(typeof(ReplicationOutput))]
[JsonSerializable(typeof(BackupJobListOutput))]
public sealed partial class HealthJsonContext : JsonSerializerContext;
