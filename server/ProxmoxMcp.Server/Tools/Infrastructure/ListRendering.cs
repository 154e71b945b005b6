using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>
/// A large list page carries every row twice (structured content and text) because clients differ in which one they
/// give the model. Where the client is known to give the model only the structured content, the text of a large page
/// shrinks to its summary line: the rows reach the model once, and the output schema is untouched.
/// <para>
/// The only signal is the name the client gives in <c>clientInfo</c> (no capability declares which rendering the
/// model sees). Claude Code hands the model <c>JSON.stringify(structuredContent)</c> and drops the text whenever
/// structured content is present (anthropics/claude-code issues 9962, 55677, 79944, observed up to 2.1.280). Every
/// other client, and any unknown one, gets both renderings in full. docs/PERFORMANCE-listings.md has the numbers.
/// </para>
/// </summary>
public static class ListRendering
{
    /// <summary>Clients known to give the model the structured content and not the text.</summary>
    private static readonly string[] StructuredFirstClients = ["claude-code"];

    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Wrap(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            var result = await next(context, cancellationToken);
            var client = context.JsonRpcRequest?.Context?.ClientInfo ?? context.Server.ClientInfo;
            return ModelReadsStructuredContent(client?.Name) ? ForStructuredFirstClient(result) : result;
        };

    public static bool ModelReadsStructuredContent(string? clientName) =>
        clientName is not null && StructuredFirstClients.Contains(clientName, StringComparer.OrdinalIgnoreCase);

    /// <summary>A list page of more than the default rows with its text cut to the summary line; anything else as it is.</summary>
    public static CallToolResult ForStructuredFirstClient(CallToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.IsError == true
            || result.StructuredContent is not { ValueKind: JsonValueKind.Object } structured
            || !structured.TryGetProperty(ListTableProperties.Columns, out var columns) || columns.ValueKind != JsonValueKind.Array
            || !structured.TryGetProperty(ListTableProperties.Rows, out var rows) || rows.ValueKind != JsonValueKind.Array
            || rows.GetArrayLength() <= Paging.DefaultLimit
            || result.Content is not [TextContentBlock text])
        {
            return result;
        }

        var summary = text.Text.Split('\n', 2)[0];
        result.Content = [new TextContentBlock { Text = $"{summary} The {rows.GetArrayLength()} rows are in the structured content only." }];
        return result;
    }
}
