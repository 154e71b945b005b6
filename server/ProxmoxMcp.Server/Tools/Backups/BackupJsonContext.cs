using System.Text.Json.Serialization;

namespace ProxmoxMcp.Server.Tools.Backups;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BackupListOutput))]
[JsonSerializable(typeof(BackupRunOutput))]
public sealed partial class BackupJsonContext : JsonSerializerContext;
