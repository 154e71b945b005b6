using System.Text.Json.Serialization;

namespace ProxmoxMcp.Server.Tools.Network;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NodeNetworkOutput))]
[JsonSerializable(typeof(FirewallRulesOutput))]
[JsonSerializable(typeof(SdnOutput))]
public sealed partial class NetworkJsonContext : JsonSerializerContext;
