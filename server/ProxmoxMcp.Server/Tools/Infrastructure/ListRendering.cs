using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Server.Configuration;

namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>
/// A large list page would carry every row twice (structured content and text) because clients differ in which one
/// they give the model. Where the client is known, or the operator says (<see cref="ServerSettings.ListRows"/>), the
/// rows of a page of more than the default rows go only where the model reads them; the output schema holds either way.
/// <para>
/// The only signal is the name the client gives in <c>clientInfo</c> (no capability declares which rendering the
/// model sees). Claude Code hands the model <c>JSON.stringify(structuredContent)</c> and drops the text whenever
/// structured content is present (anthropics/claude-code issues 9962, 55677, 79944, observed up to 2.1.280). Claude
/// Desktop (<c>claude-ai</c>) gives the model the text: it ignores structured content (blockscout/mcp-server issue 324)
/// and drops it for local servers (anthropics/claude-ai-mcp issue 563). Any other client gets both renderings in full.
/// docs/PERFORMANCE-listings.md has the numbers.
/// </para>
/// </summary>
public static class ListRendering
{
    /// <summary>Set in the structured content of a page whose rows are in the text only.</summary>
    public const string RowsInTextProperty = "rows_in_text";

    /// <summary>Clients known to give the model the structured content and not the text.</summary>
    private static readonly string[] StructuredFirstClients = ["claude-code"];

    /// <summary>Clients known to give the model the text and not the structured content.</summary>
    private static readonly string[] TextFirstClients = ["claude-ai"];

    public static McpRequestFilter<CallToolRequestParams, CallToolResult> For(ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return next => async (context, cancellationToken) =>
        {
            var result = await next(context, cancellationToken);
            var client = context.JsonRpcRequest?.Context?.ClientInfo ?? context.Server.ClientInfo;
            return Render(result, Resolve(settings.ListRows, client?.Name));
        };
    }

    /// <summary>The rendering a client gets: the setting unless it is auto, else by the client's name.</summary>
    public static ListRowsMode Resolve(ListRowsMode setting, string? clientName) =>
        setting != ListRowsMode.Auto ? setting
        : IsOneOf(clientName, StructuredFirstClients) ? ListRowsMode.Structured
        : IsOneOf(clientName, TextFirstClients) ? ListRowsMode.Text
        : ListRowsMode.Both;

    /// <summary>A list page of more than the default rows with its rows in one rendering only; anything else as it is.</summary>
    public static CallToolResult Render(CallToolResult result, ListRowsMode mode)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (mode is ListRowsMode.Both or ListRowsMode.Auto
            || result.IsError == true
            || result.StructuredContent is not { ValueKind: JsonValueKind.Object } structured
            || !structured.TryGetProperty(ListTableProperties.Columns, out var columns) || columns.ValueKind != JsonValueKind.Array
            || !structured.TryGetProperty(ListTableProperties.Rows, out var rows) || rows.ValueKind != JsonValueKind.Array
            || rows.GetArrayLength() <= Paging.DefaultLimit
            || result.Content is not [TextContentBlock text])
        {
            return result;
        }

        if (mode == ListRowsMode.Structured)
        {
            var summary = text.Text.Split('\n', 2)[0];
            result.Content = [new TextContentBlock { Text = $"{summary} The {rows.GetArrayLength()} rows are in the structured content only." }];
        }
        else
        {
            result.StructuredContent = WithoutRows(structured);
        }

        return result;
    }

    /// <summary>The structured content with an empty <c>rows</c> and <c>rows_in_text</c> true; every other property as it was.</summary>
    private static JsonElement WithoutRows(JsonElement structured)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in structured.EnumerateObject())
            {
                if (property.NameEquals(RowsInTextProperty))
                {
                    continue;
                }

                if (property.NameEquals(ListTableProperties.Rows))
                {
                    writer.WriteStartArray(ListTableProperties.Rows);
                    writer.WriteEndArray();
                    writer.WriteBoolean(RowsInTextProperty, true);
                    continue;
                }

                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static bool IsOneOf(string? clientName, string[] names) =>
        clientName is not null && names.Contains(clientName, StringComparer.OrdinalIgnoreCase);
}
