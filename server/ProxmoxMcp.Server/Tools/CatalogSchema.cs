using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProxmoxMcp.Server.Tools;

/// <summary>
/// Makes the SDK's generated schemas compact for the model, who reads every tools/list byte on every turn: an
/// optional parameter is a plain typed property (<c>"type":"string"</c>, not <c>["string","null"]</c> with
/// <c>"default":null</c>; an explicit null argument is treated as omitted), a boolean's default false and empty descriptions are left out.
/// A type used twice is written out twice: the SDK writes a local <c>$ref</c>, which not every client resolves.
/// </summary>
public static class CatalogSchema
{
    /// <summary>What the <c>dry_run</c> argument of every write tool says (paid per write tool on every turn: keep it tiny).</summary>
    public const string DryRunDescription = "Preview; send nothing";

    /// <param name="schema">An input or output schema as the SDK generates it.</param>
    /// <param name="dryRun">Add the optional <c>dry_run</c> boolean every write tool takes (handled by DryRunFilter, not by the tool methods).</param>
    public static JsonElement Compact(JsonElement schema, bool dryRun = false)
    {
        var node = JsonNode.Parse(schema.GetRawText())!;
        node = InlineRefs(node, node);
        Compact(node);
        if (dryRun && node["properties"] is JsonObject properties)
        {
            properties[DryRun.DryRunFilter.Argument] = new JsonObject { ["type"] = "boolean", ["description"] = DryRunDescription };
        }

        return JsonSerializer.SerializeToElement(node, CatalogJsonContext.Default.JsonNode);
    }

    private static JsonNode InlineRefs(JsonNode node, JsonNode root)
    {
        switch (node)
        {
            case JsonObject obj when obj["$ref"] is JsonValue reference && reference.GetValue<string>().StartsWith("#/", StringComparison.Ordinal):
                var target = reference.GetValue<string>()[2..].Split('/').Aggregate((JsonNode?)root, (at, key) => at?[key.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)])
                    ?? throw new InvalidOperationException($"Schema reference {reference} points nowhere");
                return InlineRefs(target.DeepClone(), root);
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (obj[name] is { } child)
                    {
                        obj[name] = InlineRefs(child, root) is var inlined && inlined != child ? inlined : child;
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } child && InlineRefs(child, root) is var inlined && inlined != child)
                    {
                        array[i] = inlined;
                    }
                }

                return array;
            default:
                return node;
        }
    }

    private static void Compact(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"] is JsonArray types && types.Count == 2 && types.Any(t => t?.GetValue<string>() == "null"))
                {
                    obj["type"] = types.First(t => t?.GetValue<string>() != "null")!.GetValue<string>();
                    if (obj.TryGetPropertyValue("default", out var value) && value is null)
                    {
                        obj.Remove("default");
                    }
                }

                if (obj["type"] is JsonValue type && type.GetValue<string>() == "boolean" && obj["default"] is JsonValue d && !d.GetValue<bool>())
                {
                    obj.Remove("default");
                }

                if (obj["description"] is JsonValue description && description.GetValue<string>().Length == 0)
                {
                    obj.Remove("description");
                }

                // "any value" as the SDK writes it (true) is a valid JSON Schema, but clients such as the official
                // TypeScript SDK accept only object schemas for properties and items.
                if (obj["properties"] is JsonObject properties)
                {
                    foreach (var name in properties.Where(p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.True).Select(p => p.Key).ToList())
                    {
                        properties[name] = new JsonObject();
                    }
                }

                if (obj["items"] is JsonValue items && items.GetValueKind() == JsonValueKind.True)
                {
                    obj["items"] = new JsonObject();
                }

                foreach (var child in obj.Select(p => p.Value).OfType<JsonNode>().ToList())
                {
                    Compact(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array.OfType<JsonNode>())
                {
                    Compact(child);
                }

                break;
        }
    }
}
