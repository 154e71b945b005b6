using System.Text.Json.Serialization;

namespace ProxmoxMcp.Server.Tools.Provisioning;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProvisionOutput))]
[JsonSerializable(typeof(CloudInitOutput))]
public sealed partial class ProvisioningJsonContext : JsonSerializerContext;
