using System.Text.Json.Serialization;

namespace ProxmoxMcp.Server.Tools.Storage;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StorageListOutput))]
[JsonSerializable(typeof(StorageContentOutput))]
public sealed partial class StorageJsonContext : JsonSerializerContext;
