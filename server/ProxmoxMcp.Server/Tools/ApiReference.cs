using System.Text;
using System.Text.Json;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools;

/// <summary>Renders docs/API_REFERENCE.md from the tools' own metadata, so the document cannot drift from the code.</summary>
public static class ApiReference
{
    public static string Render(IReadOnlyList<ToolDefinition> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var sb = new StringBuilder();
        sb.AppendLine("# API reference: the MCP tools").AppendLine();
        sb.AppendLine("Generated from the tools' own metadata by `tests/regenerate.sh`; a test fails when it is stale.");
        sb.AppendLine("Annotations: **read-only** changes nothing; **destructive** may lose data or interrupt a guest (these ask for confirmation); ");
        sb.AppendLine("**idempotent** repeating it has no further effect. No tool reaches beyond the configured Proxmox cluster (open-world: false).");
        sb.AppendLine("Every tool that is not read-only takes `dry_run`: `true` runs its checks, then returns the first Proxmox request it would send ");
        sb.AppendLine("(with the change the API schema documents for it) instead of sending it.");
        sb.AppendLine("When the server serves more than one cluster, every tool also takes `cluster` (a cluster name; omitted: the default cluster), ");
        sb.AppendLine($"every result names its cluster, `{Clusters.ClusterArgument.ListToolName}` is offered, and `cluster=\"*\"` reads every cluster at once on " +
            string.Join(", ", Clusters.ClusterArgument.SpanningTools.Keys.Select(n => $"`{n}`")) + ".").AppendLine();
        sb.AppendLine($"{tools.Count} tools in {tools.Select(t => t.Group).Distinct().Count()} toolsets. A session offers the **default profile** ({tools.Count(t => t.InDefaultProfile)} tools, marked below) " +
            "unless `--tools` / `PROXMOX_MCP_TOOLS` names profiles (`default`, `all`), toolsets or tools; " +
            $"read-only mode (`--read-only`, `PROXMOX_MCP_READONLY=true`) keeps the {tools.Count(t => t.IsReadOnly)} read-only ones.").AppendLine();
        sb.AppendLine("| toolset | tools |").AppendLine("|---|---|");
        var toolsets = Toolsets.All.Where(set => tools.Any(t => t.Group == set.Name)).ToList();
        foreach (var set in toolsets)
        {
            sb.AppendLine($"| [{set.Name}](#{set.Name}): {set.Summary} | " + string.Join(", ", tools.Where(t => t.Group == set.Name).Select(t => $"`{t.Name}`")) + " |");
        }

        foreach (var set in toolsets)
        {
            sb.AppendLine().AppendLine($"## {set.Name}").AppendLine().AppendLine(set.Summary + ".");
            foreach (var tool in tools.Where(t => t.Group == set.Name))
            {
                AppendTool(sb, tool);
            }
        }

        return sb.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static void AppendTool(StringBuilder sb, ToolDefinition definition)
    {
        var tool = definition.Tool.ProtocolTool;
        var a = tool.Annotations;
        var flags = new[] { definition.InDefaultProfile ? "default profile" : null, a?.ReadOnlyHint == true ? "read-only" : null, a?.DestructiveHint == true ? "destructive" : null, a?.IdempotentHint == true ? "idempotent" : null }
            .OfType<string>();
        sb.AppendLine().AppendLine($"### `{tool.Name}`: {tool.Title}").AppendLine();
        sb.AppendLine($"_{string.Join(", ", flags.DefaultIfEmpty("changes state"))}_").AppendLine();
        sb.AppendLine(tool.Description).AppendLine();
        var endpoints = definition.Tool.Metadata.OfType<PveEndpointAttribute>().Select(e => $"`{e.Route}`").ToList();
        if (endpoints.Count > 0)
        {
            sb.AppendLine("Proxmox API: " + string.Join(", ", endpoints)).AppendLine();
        }

        var schema = tool.InputSchema;
        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()).ToHashSet() : [];
        if (schema.TryGetProperty("properties", out var properties) && properties.EnumerateObject().Any())
        {
            sb.AppendLine("| argument | type | required | description |").AppendLine("|---|---|---|---|");
            foreach (var property in properties.EnumerateObject())
            {
                var description = property.Value.TryGetProperty("description", out var d) ? d.GetString() : "";
                sb.AppendLine($"| `{property.Name}` | {TypeOf(property.Value)} | {(required.Contains(property.Name) ? "yes" : "no")} | {description?.Replace("|", "\\|", StringComparison.Ordinal)} |");
            }
        }
        else
        {
            sb.AppendLine("No arguments.");
        }
    }

    private static string TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return "any";
        }

        var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).Where(t => t != "null") : [type.GetString()];
        var text = string.Join(" or ", types);
        if (schema.TryGetProperty("enum", out var values))
        {
            text += ": " + string.Join(", ", values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()));
        }

        return text;
    }
}
