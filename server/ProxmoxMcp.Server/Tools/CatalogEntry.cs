using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace ProxmoxMcp.Server.Tools;

/// <summary>
/// Reads one tools/list entry of tools.json into the SDK's <see cref="Tool"/> by hand. Deserializing it through the
/// SDK's JSON metadata configured that metadata (Tool, its annotations, icons) before the first reply and copied every
/// schema into a document of its own; here the schemas are elements of the one catalog document, which lives as long as
/// the process. A property this reader does not know fails loudly (PrecomputedCatalogTests read every entry).
/// </summary>
internal static class CatalogEntry
{
    public static Tool Read(JsonElement tool)
    {
        var result = new Tool { Name = tool.GetProperty("name").GetString()! };
        foreach (var property in tool.EnumerateObject())
        {
            switch (property.Name)
            {
                case "name":
                    break;
                case "title":
                    result.Title = property.Value.GetString();
                    break;
                case "description":
                    result.Description = property.Value.GetString();
                    break;
                case "inputSchema":
                    result.InputSchema = property.Value;
                    break;
                case "outputSchema":
                    result.OutputSchema = property.Value;
                    break;
                case "annotations":
                    result.Annotations = Annotations(property.Value);
                    break;
                default:
                    throw Unknown(property.Name, result.Name);
            }
        }

        return result;
    }

    private static ToolAnnotations Annotations(JsonElement annotations)
    {
        var result = new ToolAnnotations();
        foreach (var property in annotations.EnumerateObject())
        {
            switch (property.Name)
            {
                case "title":
                    result.Title = property.Value.GetString();
                    break;
                case "readOnlyHint":
                    result.ReadOnlyHint = property.Value.GetBoolean();
                    break;
                case "destructiveHint":
                    result.DestructiveHint = property.Value.GetBoolean();
                    break;
                case "idempotentHint":
                    result.IdempotentHint = property.Value.GetBoolean();
                    break;
                case "openWorldHint":
                    result.OpenWorldHint = property.Value.GetBoolean();
                    break;
                default:
                    throw Unknown("annotations." + property.Name, "");
            }
        }

        return result;
    }

    private static InvalidOperationException Unknown(string property, string tool) =>
        new($"tools.json: '{property}' of tool '{tool}' is not read by {nameof(CatalogEntry)}; add it there (the catalog tests compare every entry with what the tool methods generate)");
}
