using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Clusters;

/// <summary>
/// Runs a tool call on the cluster its <c>cluster</c> argument names (omitted: the default cluster). The argument is
/// taken off and checked: an unknown name is a tool error listing the clusters; the cluster's policy
/// (<see cref="ClusterPolicy"/>) may refuse the tool before anything is sent. The call then resolves the cluster's
/// services (its Proxmox client, guest protection, confirmation), and with several clusters the result names the
/// cluster. <c>cluster=*</c> on a cluster-wide read (<see cref="ClusterArgument.SpanningTools"/>) runs it on every cluster at
/// once and merges the results, a failed cluster's error beside the others' data. Sits inside the audit (which records
/// the arguments, cluster included) and outside the error mapping and the dry run (both work per cluster).
/// </summary>
public static class ClusterFilter
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Wrap(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            if (context.MatchedPrimitive is not McpServerTool tool || context.Services?.GetService(typeof(ClusterDirectory)) is not ClusterDirectory clusters)
            {
                return await next(context, cancellationToken);
            }

            var name = tool.ProtocolTool.Name;
            var readOnly = tool.ProtocolTool.Annotations?.ReadOnlyHint == true;
            string? requested = null;
            if (context.Params?.Arguments is { } arguments && arguments.Remove(ClusterArgument.Name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                requested = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : value.GetRawText();
            }

            if (name == ClusterArgument.ListToolName)
            {
                return await next(context, cancellationToken);
            }

            var spans = ClusterArgument.SpanningTools.TryGetValue(name, out var merge);
            if (requested == ClusterArgument.All && !(spans && !clusters.IsMulti))
            {
                return spans
                    ? await RunOnEveryClusterAsync(context, clusters, name, merge, next, cancellationToken)
                    : ToolResults.Error(
                        $"{name} cannot take cluster=\"*\": it acts on one cluster ({clusters.Names}); call it once per cluster. " +
                        $"cluster=\"*\" works on {string.Join(", ", ClusterArgument.SpanningTools.Keys.Order(StringComparer.Ordinal))}.");
            }

            // Omitted, or "*" with only one cluster: the default cluster.
            var cluster = requested is null or ClusterArgument.All ? clusters.Default : clusters.Find(requested);
            if (cluster is null)
            {
                return ToolResults.Error($"Unknown cluster '{requested}'. This server serves: {clusters.Names} (default {clusters.Default.Name}). Nothing was sent.");
            }

            if (ClusterPolicy.Refusal(cluster, name, readOnly) is { } refusal)
            {
                return Named(ToolResults.Error(refusal), cluster.Name, clusters);
            }

            if (!ReferenceEquals(cluster, clusters.Default))
            {
                context.Services = clusters.Services(cluster);
            }

            return Named(await next(context, cancellationToken), cluster.Name, clusters);
        };

    private static CallToolResult Named(CallToolResult result, string cluster, ClusterDirectory clusters) =>
        clusters.IsMulti ? ClusterResults.Name(result, cluster) : result;

    private static async Task<CallToolResult> RunOnEveryClusterAsync(
        RequestContext<CallToolRequestParams> context, ClusterDirectory clusters, string tool, SpanMerge merge, McpRequestHandler<CallToolRequestParams, CallToolResult> next,
        CancellationToken cancellationToken)
    {
        var calls = clusters.Clusters.Select(async cluster =>
        {
            if (ClusterPolicy.Refusal(cluster, tool, readOnlyTool: true) is { } refusal)
            {
                return (cluster.Name, ToolResults.Error(refusal));
            }

            // The error mapping inside turns Proxmox and transport failures into tool errors; a cluster whose services
            // cannot even be built (a broken certificate file, say) still must not hide the others' results.
            try
            {
                // Each cluster gets its own request context and arguments: the filters inside change both.
                var parameters = context.Params!;
                var copy = new CallToolRequestParams
                {
                    Name = parameters.Name,
                    Arguments = parameters.Arguments is null ? null : new Dictionary<string, JsonElement>(parameters.Arguments),
                    Meta = parameters.Meta,
                };
                var own = new RequestContext<CallToolRequestParams>(context.Server, context.JsonRpcRequest, copy)
                {
                    Services = ReferenceEquals(cluster, clusters.Default) ? context.Services : clusters.Services(cluster),
                    MatchedPrimitive = context.MatchedPrimitive,
                    User = context.User,
                };
                return (cluster.Name, await next(own, cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return (cluster.Name, ToolResults.Error($"{e.GetType().Name}: {e.Message}"));
            }
        });
        return ClusterResults.Merge(await Task.WhenAll(calls), merge);
    }
}
