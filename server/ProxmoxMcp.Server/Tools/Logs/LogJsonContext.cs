using System.Text.Json.Serialization;

namespace ProxmoxMcp.Server.Tools.Logs;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LogOutput))]
public sealed partial class LogJsonContext : JsonSerializerContext;
