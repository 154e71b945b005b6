using System.Buffers;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Tools;

namespace ProxmoxMcp.Server.Clusters;

/// <summary>
/// The optional <c>cluster</c> argument every offered tool takes when the server serves more than one cluster (with
/// one cluster the schemas are untouched: a single-cluster user pays no byte for it). Its values are the cluster
/// names, plus <see cref="All"/> on the tools in <see cref="SpanningTools"/>; what it means is said once, in the
/// server instructions. <see cref="ClusterFilter"/> reads it.
/// </summary>
public static class ClusterArgument
{
    public const string Name = "cluster";

    /// <summary>Every cluster at once (only for <see cref="SpanningTools"/>).</summary>
    public const string All = "*";

    /// <summary>The tool that describes every cluster itself, offered only with more than one cluster; it takes no <c>cluster</c>.</summary>
    public const string ListToolName = "list_clusters";

    /// <summary>
    /// The reads that can span every cluster in one call (<c>cluster=*</c>), and how their results merge
    /// (<see cref="ClusterResults.Merge"/>): lists by concatenation, the health summary as one summary. The one place
    /// they are marked.
    /// </summary>
    public static IReadOnlyDictionary<string, SpanMerge> SpanningTools { get; } = new Dictionary<string, SpanMerge>(StringComparer.Ordinal)
    {
        ["get_cluster_resources"] = SpanMerge.List,
        ["get_vms"] = SpanMerge.List,
        ["get_containers"] = SpanMerge.List,
        ["get_nodes"] = SpanMerge.List,
        ["get_storages"] = SpanMerge.List,
        ["get_tasks"] = SpanMerge.List,
        ["get_pools"] = SpanMerge.List,
        ["get_backups"] = SpanMerge.List,
        ["get_cluster_health"] = SpanMerge.Summary,
    };

    /// <summary>The tool as a session serving <paramref name="settings"/> offers it: with <c>cluster</c> in its input schema when more than one cluster is served.</summary>
    public static ToolDefinition Offer(ToolDefinition tool, ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(settings);
        var clusters = settings.Clusters;
        var schema = tool.Tool.ProtocolTool.InputSchema;
        if (clusters.Count < 2 || tool.Name == ListToolName || schema.ValueKind != JsonValueKind.Object
            || (schema.TryGetProperty("properties", out var existing) && existing.TryGetProperty(Name, out _)))
        {
            return tool;
        }

        string[] values = SpanningTools.ContainsKey(tool.Name) ? [.. clusters.Select(c => c.Name), All] : [.. clusters.Select(c => c.Name)];
        var protocol = Copy(tool.Tool.ProtocolTool);
        protocol.InputSchema = WithCluster(schema, values);
        return tool with { Tool = new OfferedTool(protocol, tool.Tool) };
    }

    /// <summary>What the server instructions say about clusters (nothing with one cluster).</summary>
    public static string Instructions(ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var clusters = settings.Clusters;
        return clusters.Count < 2
            ? ""
            : $" Clusters: {string.Join(", ", clusters.Select(c => c.Name))}; vmids repeat across clusters. cluster: which cluster (default {clusters[0].Name}); " +
              $"results name it. cluster=\"*\" on list tools and get_cluster_health reads every cluster at once (limit/offset per cluster). {ListToolName} shows each cluster's state.";
    }

    // Built by hand, not through the SDK's JSON metadata for Tool: this runs for every offered tool at start-up.
    private static Tool Copy(Tool tool) => new()
    {
        Name = tool.Name,
        Title = tool.Title,
        Description = tool.Description,
        InputSchema = tool.InputSchema,
        OutputSchema = tool.OutputSchema,
        Annotations = tool.Annotations,
        Meta = tool.Meta,
    };

    /// <summary>The input schema with <c>cluster</c> (an enum of <paramref name="values"/>) last among its properties.</summary>
    private static JsonElement WithCluster(JsonElement schema, string[] values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            var hasProperties = false;
            foreach (var property in schema.EnumerateObject())
            {
                if (property.NameEquals("properties") && property.Value.ValueKind == JsonValueKind.Object)
                {
                    hasProperties = true;
                    writer.WriteStartObject(property.Name);
                    foreach (var existing in property.Value.EnumerateObject())
                    {
                        existing.WriteTo(writer);
                    }

                    WriteCluster(writer, values);
                    writer.WriteEndObject();
                }
                else
                {
                    property.WriteTo(writer);
                }
            }

            if (!hasProperties)
            {
                writer.WriteStartObject("properties");
                WriteCluster(writer, values);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.WrittenMemory).RootElement;
    }

    private static void WriteCluster(Utf8JsonWriter writer, string[] values)
    {
        writer.WriteStartObject(Name);
        writer.WriteString("type", "string");
        writer.WriteStartArray("enum");
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>A catalog tool with the session's input schema; calls go to the catalog tool.</summary>
    private sealed class OfferedTool(Tool protocolTool, McpServerTool inner) : McpServerTool
    {
        public override Tool ProtocolTool => protocolTool;

        public override IReadOnlyList<object> Metadata => inner.Metadata;

        public override ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default) =>
            inner.InvokeAsync(request, cancellationToken);
    }
}

/// <summary>How the results of a <c>cluster=*</c> call become one.</summary>
public enum SpanMerge
{
    /// <summary>Lists of objects concatenated (each item names its cluster), page totals and counts summed.</summary>
    List,

    /// <summary>
    /// One summary of all clusters: the worst status, counts summed, flags true only when true everywhere, lists of
    /// texts concatenated with the cluster's name in front, differing texts as "NAME: text; ...".
    /// </summary>
    Summary,
}
