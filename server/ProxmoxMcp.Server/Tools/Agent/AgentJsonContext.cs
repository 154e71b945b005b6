using System.Text.Json.Serialization;

namespace ProxmoxMcp.Server.Tools.Agent;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GuestNetworkOutput))]
[JsonSerializable(typeof(GuestOsOutput))]
[JsonSerializable(typeof(GuestExecOutput))]
[JsonSerializable(typeof(GuestFileOutput))]
public sealed partial class AgentJsonContext : JsonSerializerContext;
