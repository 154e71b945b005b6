using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProxmoxMcp.Server.Tools.Guests;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GuestListOutput))]
[JsonSerializable(typeof(GuestDetailOutput))]
[JsonSerializable(typeof(GuestConfigOutput))]
[JsonSerializable(typeof(ConfigChangeOutput))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
public sealed partial class GuestJsonContext : JsonSerializerContext;
