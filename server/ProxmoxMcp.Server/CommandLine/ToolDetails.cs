using System.Globalization;
using System.Text;
using System.Text.Json;
using ProxmoxMcp.Server.Tools;

namespace ProxmoxMcp.Server.CommandLine;

/// <summary>`tools NAME`: one tool's description and arguments (name, type, required or default, description), read from its input schema.</summary>
public static class ToolDetails
{
    public static string Render(ToolDefinition tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var protocol = tool.Tool.ProtocolTool;
        var annotations = protocol.Annotations;
        var kind = tool.IsReadOnly ? "read-only" : annotations?.DestructiveHint == true ? "destructive" : "changes something";
        var text = new StringBuilder($"{protocol.Name}: {protocol.Title} ({tool.Group}, {kind})\n{protocol.Description}\n");
        var schema = protocol.InputSchema;
        var required = schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(e => e.GetString()).ToHashSet(StringComparer.Ordinal)
            : [];
        if (!schema.TryGetProperty("properties", out var properties) || !properties.EnumerateObject().Any())
        {
            return text.Append("\nArguments: none.").ToString();
        }

        text.Append("\nArguments:");
        foreach (var property in properties.EnumerateObject())
        {
            var value = property.Value;
            var facts = new List<string> { TypeOf(value), required.Contains(property.Name) ? "required" : "optional" };
            if (value.TryGetProperty("enum", out var choices))
            {
                facts.Add("one of " + string.Join(", ", choices.EnumerateArray().Where(c => c.ValueKind != JsonValueKind.Null).Select(c => c.ToString())));
            }

            if (value.TryGetProperty("minimum", out var min) || value.TryGetProperty("maximum", out min))
            {
                var low = value.TryGetProperty("minimum", out var lo) ? lo.ToString() : "";
                var high = value.TryGetProperty("maximum", out var hi) ? hi.ToString() : "";
                facts.Add($"range {low}..{high}");
            }

            if (value.TryGetProperty("default", out var fallback) && fallback.ValueKind != JsonValueKind.Null)
            {
                facts.Add("default " + fallback.GetRawText());
            }

            var description = value.TryGetProperty("description", out var d) ? " " + d.GetString() : "";
            text.Append(CultureInfo.InvariantCulture, $"\n  {property.Name} ({string.Join(", ", facts)}){(description.Length > 0 ? ":" : "")}{description}");
        }

        text.Append(CultureInfo.InvariantCulture, $"\n\nCall it: proxmox-mcp call {protocol.Name}{string.Concat(required.Select(n => $" --arg {n}=..."))}");
        return text.ToString();
    }

    private static string TypeOf(JsonElement property)
    {
        if (!property.TryGetProperty("type", out var type))
        {
            return "any";
        }

        return type.ValueKind == JsonValueKind.Array
            ? string.Join(" or ", type.EnumerateArray().Select(t => t.GetString()).Where(t => t != "null"))
            : type.GetString() ?? "any";
    }
}
