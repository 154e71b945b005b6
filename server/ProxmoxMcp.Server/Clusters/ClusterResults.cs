using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Server.Tools;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Clusters;

/// <summary>
/// Results that name their cluster when the server serves several (vmids repeat across clusters). The text starts with
/// <c>[cluster NAME]</c>; structured content gains a top-level <c>cluster</c> (the output schemas do not forbid extra
/// properties; a schema that has its own <c>cluster</c>, get_cluster_health's Proxmox cluster name, keeps it).
/// </summary>
public static class ClusterResults
{
    /// <summary>The top-level structured property that carries the errors of clusters that failed in a <c>cluster=*</c> call.</summary>
    public const string ErrorsProperty = "cluster_errors";

    public static CallToolResult Name(CallToolResult result, string cluster)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Content.OfType<TextContentBlock>().FirstOrDefault() is { } first)
        {
            first.Text = $"[cluster {cluster}] {first.Text}";
        }
        else
        {
            result.Content.Insert(0, new TextContentBlock { Text = $"[cluster {cluster}]" });
        }

        if (result.StructuredContent is { ValueKind: JsonValueKind.Object } structured && !structured.TryGetProperty(ClusterArgument.Name, out _))
        {
            var node = JsonNode.Parse(structured.GetRawText())!.AsObject();
            node[ClusterArgument.Name] = cluster;
            result.StructuredContent = ToElement(node);
        }

        return result;
    }

    /// <summary>
    /// One result of a <c>cluster=*</c> call. Text: each cluster's result under its name, a failed cluster's error
    /// in its place. Structured content (valid against the tool's output schema): the successful clusters' objects merged
    /// as <paramref name="merge"/> says (<see cref="SpanMerge"/>), and <see cref="ErrorsProperty"/> naming each failed cluster's error. An error only when
    /// every cluster failed.
    /// </summary>
    public static CallToolResult Merge(IReadOnlyList<(string Cluster, CallToolResult Result)> results, SpanMerge merge = SpanMerge.List)
    {
        ArgumentNullException.ThrowIfNull(results);
        var ok = results.Where(r => r.Result.IsError != true).ToList();
        var failed = results.Where(r => r.Result.IsError == true).ToList();
        var text = new StringBuilder();
        text.Append($"{results.Count} clusters: {ok.Count} answered");
        text.Append(failed.Count == 0 ? "." : $", {failed.Count} failed ({string.Join(", ", failed.Select(f => f.Cluster))}).");
        text.Append(merge == SpanMerge.List ? " Lists are concatenated in cluster order; limit, offset and sort apply within each cluster." : "");
        foreach (var (cluster, result) in results)
        {
            text.Append("\n\n[cluster ").Append(cluster).Append(result.IsError == true ? "] ERROR: " : "] ").Append(Text(result));
        }

        var merged = new CallToolResult
        {
            IsError = ok.Count == 0 ? true : null,
            Content = [new TextContentBlock { Text = text.ToString() }],
        };
        var objects = ok.Where(r => r.Result.StructuredContent is { ValueKind: JsonValueKind.Object })
            .Select(r => (r.Cluster, Node: JsonNode.Parse(r.Result.StructuredContent!.Value.GetRawText())!.AsObject()))
            .ToList();
        if (objects.Count > 0)
        {
            var structured = merge == SpanMerge.List ? MergeObjects(objects) : Summarize(objects);
            if (failed.Count > 0)
            {
                structured[ErrorsProperty] = new JsonObject(failed.Select(f => KeyValuePair.Create(f.Cluster, (JsonNode?)JsonValue.Create(Text(f.Result)))));
            }

            merged.StructuredContent = ToElement(structured);
        }

        return merged;
    }

    private static JsonObject MergeObjects(List<(string Cluster, JsonObject Node)> objects)
    {
        var merged = (JsonObject)objects[0].Node.DeepClone();
        if (merged[ListTableProperties.Columns] is JsonArray && merged[ListTableProperties.Rows] is JsonArray)
        {
            MergeTables(merged, objects);
        }

        foreach (var name in merged.Select(p => p.Key).Where(k => k is not (ListTableProperties.Columns or ListTableProperties.Rows)).ToList())
        {
            var values = objects.Select(o => (o.Cluster, Value: o.Node[name])).ToList();
            switch (merged[name])
            {
                case JsonArray when values.All(v => v.Value is JsonArray items && items.All(i => i is JsonObject)):
                    merged[name] = new JsonArray([.. values.SelectMany(v => (v.Value as JsonArray ?? []).Select(item => Tag(item, v.Cluster)))]);
                    break;
                case JsonObject when name == "page":
                    merged[name] = Page(values.Select(v => v.Value as JsonObject).OfType<JsonObject>().ToList());
                    break;
                case JsonValue value when value.GetValueKind() == JsonValueKind.Number && values.All(v => v.Value is JsonValue n && n.TryGetValue<long>(out _)):
                    merged[name] = values.Sum(v => v.Value!.GetValue<long>());
                    break;
            }
        }

        return merged;
    }

    private static readonly string[] Severity = ["ok", "warning", "critical"];

    /// <summary>One summary of all clusters (<see cref="SpanMerge.Summary"/>), property by property of the first.</summary>
    private static JsonObject Summarize(List<(string Cluster, JsonObject Node)> objects)
    {
        var merged = new JsonObject();
        foreach (var (name, first) in objects[0].Node)
        {
            var values = objects.Select(o => (o.Cluster, Value: o.Node[name])).ToList();
            merged[name] = first switch
            {
                JsonObject => (JsonNode)Summarize([.. values.Select(v => (v.Cluster, v.Value as JsonObject ?? []))]),
                JsonArray => new JsonArray([.. values.SelectMany(v => (v.Value as JsonArray ?? []).Select(item => item is JsonObject
                    ? Tag(item, v.Cluster)
                    : JsonValue.Create($"{v.Cluster}: {item}")))]),
                JsonValue b when b.GetValueKind() is JsonValueKind.True or JsonValueKind.False =>
                    JsonValue.Create(values.All(v => v.Value?.GetValueKind() == JsonValueKind.True)),
                JsonValue n when n.GetValueKind() == JsonValueKind.Number && values.All(v => v.Value is JsonValue x && x.TryGetValue<long>(out _)) =>
                    JsonValue.Create(values.Sum(v => v.Value!.GetValue<long>())),
                JsonValue t when t.GetValueKind() == JsonValueKind.String && values.All(v => Array.IndexOf(Severity, v.Value?.ToString()) >= 0) =>
                    JsonValue.Create(values.Select(v => v.Value!.ToString()).MaxBy(v => Array.IndexOf(Severity, v))),
                JsonValue t when t.GetValueKind() == JsonValueKind.String && values.Select(v => v.Value?.ToString()).Distinct().Count() == 1 => t.DeepClone(),
                JsonValue t when t.GetValueKind() == JsonValueKind.String => JsonValue.Create(string.Join("; ", values.Select(v => $"{v.Cluster}: {v.Value}"))),
                _ => first?.DeepClone(),
            };
        }

        return merged;
    }

    /// <summary>
    /// Tables (columns named once, rows as arrays of cells): the columns of every cluster in first-seen order with
    /// <c>cluster</c> first, each row's cells moved under its column's name (a page leaves out columns empty on it).
    /// </summary>
    private static void MergeTables(JsonObject merged, List<(string Cluster, JsonObject Node)> objects)
    {
        var columns = new List<string> { ClusterArgument.Name };
        foreach (var (_, node) in objects)
        {
            columns.AddRange(Columns(node).Where(c => !columns.Contains(c)));
        }

        var rows = new JsonArray();
        foreach (var (cluster, node) in objects)
        {
            var own = Columns(node);
            foreach (var row in node[ListTableProperties.Rows] as JsonArray ?? [])
            {
                var cells = new JsonNode?[columns.Count];
                cells[0] = cluster;
                for (var i = 0; row is JsonArray values && i < values.Count && i < own.Count; i++)
                {
                    cells[columns.IndexOf(own[i])] = values[i]?.DeepClone();
                }

                var last = cells.Length;
                while (last > 1 && cells[last - 1] is null)
                {
                    last--;
                }

                rows.Add((JsonNode)new JsonArray(cells[..last]));
            }
        }

        merged[ListTableProperties.Columns] = new JsonArray([.. columns.Select(c => (JsonNode?)c)]);
        merged[ListTableProperties.Rows] = rows;
    }

    private static List<string> Columns(JsonObject table) =>
        [.. (table[ListTableProperties.Columns] as JsonArray ?? []).Select(c => c?.GetValue<string>() ?? "")];

    private static JsonNode? Tag(JsonNode? item, string cluster)
    {
        if (item is not JsonObject obj || obj.ContainsKey(ClusterArgument.Name))
        {
            return item?.DeepClone();
        }

        var tagged = new JsonObject { [ClusterArgument.Name] = cluster };
        foreach (var (key, value) in obj)
        {
            tagged[key] = value?.DeepClone();
        }

        return tagged;
    }

    /// <summary>Pages of the same offset and limit on each cluster: totals and counts add up; more remains where any cluster has more.</summary>
    private static JsonObject Page(List<JsonObject> pages)
    {
        var page = (JsonObject)pages[0].DeepClone();
        page["total"] = pages.Sum(p => p["total"]?.GetValue<int>() ?? 0);
        page["returned"] = pages.Sum(p => p["returned"]?.GetValue<int>() ?? 0);
        var next = pages.Select(p => p["next_offset"]?.GetValue<int>()).Where(n => n is not null).Min();
        page.Remove("next_offset");
        if (next is not null)
        {
            page["next_offset"] = next;
        }

        return page;
    }

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    private static JsonElement ToElement(JsonNode node) => JsonSerializer.SerializeToElement(node, CatalogJsonContext.Default.JsonNode);
}
