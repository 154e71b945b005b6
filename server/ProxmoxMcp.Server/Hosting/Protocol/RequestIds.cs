using System.Globalization;
using System.Text.Json;

namespace ProxmoxMcp.Server.Hosting.Protocol;

/// <summary>One canonical text per request id, so an id read from a request matches the same id in its reply.</summary>
public static class RequestIds
{
    public static string From(JsonElement id) => id.ValueKind == JsonValueKind.String
        ? JsonSerializer.Serialize(id.GetString(), ProtocolJsonContext.Default.String)
        : id.TryGetInt64(out var number) ? number.ToString(CultureInfo.InvariantCulture) : id.GetRawText();

    public static string? From(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => JsonSerializer.Serialize(reader.GetString(), ProtocolJsonContext.Default.String),
        JsonTokenType.Number => reader.TryGetInt64(out var number)
            ? number.ToString(CultureInfo.InvariantCulture)
            : System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        _ => null,
    };
}
