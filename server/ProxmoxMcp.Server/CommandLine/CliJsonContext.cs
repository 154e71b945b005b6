using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProxmoxMcp.Server.CommandLine;

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
