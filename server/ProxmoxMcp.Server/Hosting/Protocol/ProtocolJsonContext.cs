using System.Text.Json.Serialization;

namespace ProxmoxMcp.Server.Hosting.Protocol;

[JsonSerializable(typeof(string))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
