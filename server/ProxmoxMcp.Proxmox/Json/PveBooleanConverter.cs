using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProxmoxMcp.Proxmox.Json;

/// <summary>PVE sends booleans as 0/1 numbers, "0"/"1" strings or true/false, depending on endpoint and version.</summary>
public sealed class PveBooleanConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Number => reader.TryGetInt64(out var n) ? n != 0 : reader.GetDouble() != 0,
        JsonTokenType.String => reader.GetString() is { } s && (s == "1" || s.Equals("true", StringComparison.OrdinalIgnoreCase) || s.Equals("yes", StringComparison.OrdinalIgnoreCase) || s.Equals("on", StringComparison.OrdinalIgnoreCase)),
        JsonTokenType.Null => false,
        _ => throw new JsonException($"Cannot read {reader.TokenType} as a boolean"),
    };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteBooleanValue(value);
    }
}
