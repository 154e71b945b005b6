using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ProxmoxMcp.Server.Tools;

/// <summary>
/// Every tool of every toolset in <see cref="Toolsets"/>. tools/list is served from tools.json, generated from the
/// tool methods and embedded, so neither start-up nor a call generates schemas; each tool method is bound to its entry on
/// its first call.
/// </summary>
public static class ToolCatalog
{
    private const string ResourceName = "ProxmoxMcp.Server.tools.json";

    /// <summary>Every tool: tools/list entries from the embedded tools.json, methods bound on first call.</summary>
    public static IReadOnlyList<ToolDefinition> All => Catalog.Value;

    private static readonly Lazy<IReadOnlyList<ToolDefinition>> Catalog = new(Precomputed);

    /// <summary>Every tool built now from its method, with compact schemas: what tools.json must hold.</summary>
    public static IReadOnlyList<ToolDefinition> Build() =>
    [
        .. Toolsets.All.SelectMany(set => set.Tools().Select(t =>
        {
            var sdkTool = t.Create();
            return new ToolDefinition(set.Name, new PrecomputedTool(Compact(sdkTool.ProtocolTool), set.Bind), t.InDefaultProfile);
        })),
    ];

    /// <summary>The catalog as tools.json holds it: toolset, default-profile flag and the tools/list entry of each tool, in order.</summary>
    public static string Serialize(IReadOnlyList<ToolDefinition> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var array = new JsonArray();
        foreach (var tool in tools)
        {
            array.Add((JsonNode)new JsonObject
            {
                ["toolset"] = tool.Group,
                ["default"] = tool.InDefaultProfile,
                ["tool"] = JsonSerializer.SerializeToNode(tool.Tool.ProtocolTool, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Tool))),
            });
        }

        return array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Registers every toolset's tool class, which tool calls resolve from the request's services.</summary>
    public static IServiceCollection AddToolClasses(this IServiceCollection services)
    {
        foreach (var set in Toolsets.All)
        {
            set.Register(services);
        }

        return services;
    }

    private static Tool Compact(Tool tool)
    {
        var json = JsonSerializer.SerializeToNode(tool, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Tool)))!;
        var compact = json.Deserialize((JsonTypeInfo<Tool>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Tool)))!;
        compact.InputSchema = CatalogSchema.Compact(tool.InputSchema, dryRun: tool.Annotations?.ReadOnlyHint != true);
        if (tool.OutputSchema is { } output)
        {
            compact.OutputSchema = CatalogSchema.Compact(output);
        }

        return compact;
    }

    private static List<ToolDefinition> Precomputed()
    {
        using var stream = typeof(ToolCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in the server");
        // Not disposed: the tools' schemas are elements of this document, kept for the life of the process.
        var document = JsonDocument.Parse(stream);
        var tools = new List<ToolDefinition>();
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            var tool = CatalogEntry.Read(entry.GetProperty("tool"));
            var group = entry.GetProperty("toolset").GetString()!;
            var set = Toolsets.All.FirstOrDefault(s => s.Name.Equals(group, StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"tools.json names toolset '{group}', which Toolsets does not declare: run tests/regenerate.sh");
            tools.Add(new ToolDefinition(group, new PrecomputedTool(tool, set.Bind), entry.GetProperty("default").GetBoolean()));
        }

        return tools;
    }
}
