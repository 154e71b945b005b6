using System.Text.Json;
using System.Text.Json.Nodes;
using ProxmoxMcp.Proxmox.Recording;

namespace ProxmoxMcp.Server.Audit;

/// <summary>Tool arguments as the audit log keeps them: secrets masked at any depth (by name), long texts cut.</summary>
public static class AuditArguments
{
    public const int MaxText = 500;

    public static JsonObject From(IEnumerable<KeyValuePair<string, JsonElement>>? arguments)
    {
        var result = new JsonObject();
        foreach (var (name, value) in arguments ?? [])
        {
            result[name] = Clean(name, value);
        }

        return result;
    }

    /// <summary>Request parameters (name=value pairs as sent) as an object; a repeated name holds an array.</summary>
    public static JsonObject? FromPairs(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
        {
            return null;
        }

        var result = new JsonObject();
        foreach (var (name, value) in pairs)
        {
            var text = Cut(value);
            switch (result[name])
            {
                case JsonArray list:
                    list.Add((JsonNode)JsonValue.Create(text));
                    break;
                case JsonNode single:
                    result[name] = new JsonArray(single.DeepClone(), JsonValue.Create(text));
                    break;
                default:
                    result[name] = text;
                    break;
            }
        }

        return result;
    }

    private static JsonNode? Clean(string name, JsonElement value)
    {
        if (SecretParameters.IsSecret(name) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.False))
        {
            return SecretParameters.Mask;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return Cut(value.GetString()!);
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in value.EnumerateObject())
                {
                    obj[property.Name] = Clean(property.Name, property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in value.EnumerateArray().Take(100))
                {
                    array.Add(Clean(name, item));
                }

                return array;
            default:
                return JsonNode.Parse(value.GetRawText());
        }
    }

    private static string Cut(string text) => text.Length <= MaxText ? text : $"{text[..MaxText]}... ({text.Length} characters)";
}
