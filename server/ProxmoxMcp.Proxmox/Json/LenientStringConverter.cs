using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProxmoxMcp.Proxmox.Json;

/// <summary>
/// Reads a string that PVE sometimes sends as a number or boolean (types drift between versions, e.g. VM
/// <c>memory</c> is a string since 8.1, <c>vmid</c> was a string in PVE 7 container lists).
/// </summary>
public sealed class LenientStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
        JsonTokenType.True => "1",
        JsonTokenType.False => "0",
        JsonTokenType.Null => null,
        _ => ReadComposite(ref reader),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    // A converter registered for string is also asked for dictionary keys (e.g. GET /access/permissions, a map of
    // paths to privilege maps); without these overrides System.Text.Json refuses every such reply.
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() ?? "";

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WritePropertyName(value);
    }

    private static string ReadComposite(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }
}
