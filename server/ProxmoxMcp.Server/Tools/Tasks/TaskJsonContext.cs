using System.Text.Json.Serialization;

namespace ProxmoxMcp.Server.Tools.Tasks;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TaskListOutput))]
[JsonSerializable(typeof(TaskStatusOutput))]
[JsonSerializable(typeof(TaskLogOutput))]
[JsonSerializable(typeof(TaskStopOutput))]
public sealed partial class TaskJsonContext : JsonSerializerContext;
