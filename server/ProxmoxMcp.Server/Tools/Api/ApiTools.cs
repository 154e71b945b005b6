using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Protection;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Api;

/// <summary>
/// The whole Proxmox VE API through the official schema: find an endpoint, read its parameters, call it. Reads and
/// writes are separate tools so that annotations stay true and read-only mode keeps every GET.
/// </summary>
public sealed class ApiTools(ProxmoxClient proxmox, Confirmation confirmation, TaskRunner tasks, ServerSettings settings, GuestGuard guard)
{
    [DefaultProfile]
    [McpServerTool(Name = "find_api", Title = "Find API endpoints", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ApiFindOutput))]
    [Description("Lists Proxmox VE API endpoints matching keywords (e.g. 'firewall rules', 'ha status'), for what no other tool does.")]
    [SuppressMessage("Performance", "CA1822", Justification = "The catalog binds tool methods of an instance.")]
    public CallToolResult FindApi(string query, int? limit = null)
    {
        var matches = ApiSearch.Find(query);
        var take = Math.Clamp(limit ?? 10, 1, 50);
        var output = new ApiFindOutput(query, matches.Count, [.. matches.Take(take).Select(m => new ApiMatch(m.Endpoint.Method, m.Endpoint.Path, m.Endpoint.Summary))]);
        return ToolResults.Success(output, ApiJsonContext.Default.ApiFindOutput);
    }

    [DefaultProfile]
    [McpServerTool(Name = "describe_api", Title = "Describe an API endpoint", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ApiDescribeOutput))]
    [Description("Returns an endpoint's parameters and return shape from the API schema; the path may be a template or concrete.")]
    [SuppressMessage("Performance", "CA1822", Justification = "The catalog binds tool methods of an instance.")]
    public CallToolResult DescribeApi(string method, string path)
    {
        var endpoint = ApiRequest.Describe(method, path);
        var output = new ApiDescribeOutput(endpoint.Method, endpoint.Path, endpoint.Summary, endpoint.Params, endpoint.Returns);
        return ToolResults.Success(output, ApiJsonContext.Default.ApiDescribeOutput);
    }

    [DefaultProfile]
    [McpServerTool(Name = "call_api", Title = "Read from the API", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ApiCallOutput))]
    [Description("GETs any Proxmox VE API path (e.g. /cluster/ha/status/current), checked against the schema first; lists are paged.")]
    public async Task<CallToolResult> CallApi(
        string path,
        [Description("Query parameters, e.g. {\"type\":\"vm\"}.")] Dictionary<string, JsonElement>? @params = null,
        int? offset = null,
        int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var request = ApiRequest.Build("GET", path, @params);
        var data = await proxmox.CallApiAsync(request.Method, request.Path, request.Parameters, cancellationToken);
        return ToolResults.Success(Page(request.Display, data, offset, limit), ApiJsonContext.Default.ApiCallOutput);
    }

    [DefaultProfile]
    [McpServerTool(Name = "call_api_write", Title = "Write through the API", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("POSTs, PUTs or DELETEs any Proxmox VE API path, checked against the schema first; waits for a task it starts. " +
        "Needs confirm=\"METHOD /path\".")]
    public async Task<CallToolResult> CallApiWrite(
        McpServer server,
        [Description("POST, PUT or DELETE.")] string method,
        string path,
        [Description("Form parameters, e.g. {\"cores\":4}.")] Dictionary<string, JsonElement>? @params = null,
        string? confirm = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (method.Trim().Equals("GET", StringComparison.OrdinalIgnoreCase))
        {
            throw new McpException("GET is a read: use call_api.");
        }

        var request = ApiRequest.Build(method, path, @params);
        if (request.Endpoint.Path.StartsWith("/access", StringComparison.Ordinal) && !settings.AllowAccessWrites)
        {
            throw new McpException($"{request.Display} changes users, tokens or permissions, which this server does not allow " +
                $"(the operator can enable it with {SettingNames.AllowAccessWrites}=true).");
        }

        await guard.CheckAsync(request.Method, request.Path, request.Parameters, cancellationToken);
        await GuestDeletion.RefuseIfProtectedAsync(proxmox, request, cancellationToken);
        var parameters = string.Join(", ", request.Parameters.Items.Select(p => $"{p.Key}={p.Value}"));
        await confirmation.RequireAsync(server, "call_api_write",
            $"This sends {request.Display}{(parameters.Length > 0 ? $" with {parameters}" : "")} ({request.Endpoint.Summary.TrimEnd('.')})",
            request.Display, confirm, cancellationToken);
        var data = await proxmox.CallApiAsync(request.Method, request.Path, request.Parameters, cancellationToken);
        var upid = data.ValueKind == JsonValueKind.String && Upid.TryParse(data.GetString(), out var task) ? task : null;
        IReadOnlyList<string>? notes = upid is null && data.ValueKind is not JsonValueKind.Null ? [Shorten(ApiCallOutput.Compact(data))] : null;
        return await tasks.ReportAsync(request.Display, upid, wait, progress, cancellationToken, notes);
    }

    private static ApiCallOutput Page(string display, JsonElement data, int? offset, int? limit)
    {
        if (data.ValueKind != JsonValueKind.Array)
        {
            var text = ApiCallOutput.Compact(data);
            return text.Length <= ApiCallOutput.MaxTextLength
                ? new ApiCallOutput(display, data)
                : new ApiCallOutput(display, JsonSerializer.SerializeToElement(text[..ApiCallOutput.MaxTextLength], ApiJsonContext.Default.String), Truncated: true);
        }

        var total = data.GetArrayLength();
        var start = Math.Clamp(offset ?? 0, 0, total);
        var take = Math.Clamp(limit ?? Paging.DefaultLimit, 1, Paging.MaxLimit);
        var items = new List<JsonElement>();
        var length = 0;
        var truncated = false;
        foreach (var item in data.EnumerateArray().Skip(start).Take(take))
        {
            length += ApiCallOutput.Compact(item).Length + 1;
            if (length > ApiCallOutput.MaxTextLength && items.Count > 0)
            {
                truncated = true;
                break;
            }

            items.Add(item);
        }

        return new ApiCallOutput(display, JsonSerializer.SerializeToElement(items, ApiJsonContext.Default.ListJsonElement), total, start, truncated);
    }

    private static string Shorten(string text) => text.Length <= 2_000 ? text : text[..2_000] + "...";
}
