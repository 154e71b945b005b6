using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProxmoxMcp.Server.Tools.Api;

[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(List<ApiEndpoint>))]
[JsonSerializable(typeof(ApiFindOutput))]
[JsonSerializable(typeof(ApiDescribeOutput))]
[JsonSerializable(typeof(ApiCallOutput))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(List<JsonElement>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
