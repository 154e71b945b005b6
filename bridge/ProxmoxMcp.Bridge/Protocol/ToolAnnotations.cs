using System.Text.Json;

namespace ProxmoxMcp.Bridge.Protocol;

/// <summary>
/// Reads the two things the bridge needs to know about tools from messages passing through: which tools the server
/// declares read-only (<c>annotations.readOnlyHint</c> in a <c>tools/list</c> result) and which tool a
/// <c>tools/call</c> request calls. JsonDocument only: no reflection, so the trimmed single file keeps working.
/// </summary>
internal static class ToolAnnotations
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 256 };

    /// <summary>Every tool in a tools/list result with whether it declares itself read-only; nothing for anything else.</summary>
    public static IReadOnlyList<(string Name, bool ReadOnly)> ReadOnlyHints(ReadOnlyMemory<byte> toolsListResponse)
    {
        List<(string, bool)> tools = [];
        try
        {
            using var document = JsonDocument.Parse(toolsListResponse, Options);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Object &&
                result.TryGetProperty("tools", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var tool in list.EnumerateArray())
                {
                    if (tool.ValueKind == JsonValueKind.Object && tool.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                    {
                        // readOnlyHint defaults to false (MCP spec): only an explicit true counts.
                        var readOnly = tool.TryGetProperty("annotations", out var annotations) && annotations.ValueKind == JsonValueKind.Object &&
                            annotations.TryGetProperty("readOnlyHint", out var hint) && hint.ValueKind == JsonValueKind.True;
                        tools.Add((name.GetString()!, readOnly));
                    }
                }
            }
        }
        catch (JsonException)
        {
        }

        return tools;
    }

    /// <summary>The tool a tools/call request names, or null.</summary>
    public static string? CalledTool(JsonRpcMessage request)
    {
        if (request.Kind != MessageKind.Request || request.Method != "tools/call")
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(request.Bytes, Options);
            return document.RootElement.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Object &&
                parameters.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                ? name.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
