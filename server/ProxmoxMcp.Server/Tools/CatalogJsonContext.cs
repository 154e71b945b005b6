using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ProxmoxMcp.Server.Tools;

[JsonSerializable(typeof(JsonNode))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext;
