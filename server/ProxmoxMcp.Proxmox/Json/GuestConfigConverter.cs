using System.Text.Json;
using System.Text.Json.Serialization;
using ProxmoxMcp.Proxmox.Models;

namespace ProxmoxMcp.Proxmox.Json;

/// <summary>A guest configuration is an open map of keys; every value is kept as the text PVE would accept back.</summary>
public sealed class GuestConfigConverter : JsonConverter<GuestConfig>
{
    public override GuestConfig Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                values[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.True => "1",
                    JsonValueKind.False => "0",
                    _ => property.Value.GetRawText(),
                };
            }
        }

        return new GuestConfig(values);
    }

    public override void Write(Utf8JsonWriter writer, GuestConfig value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var (key, text) in value.Values)
        {
            writer.WriteString(key, text);
        }

        writer.WriteEndObject();
    }
}
