using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ProxmoxMcp.Server.Hosting.Protocol;

/// <summary>
/// Classifies one line from the client. The SDK silently drops some malformed input (invalid JSON, batches,
/// non-JSON-RPC objects, null ids) and answers others with a generic -32603; a client waiting on such a request
/// would hang or learn nothing. Lines the SDK handles well are forwarded untouched.
/// </summary>
public static partial class LineInspector
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static LineVerdict Inspect(ReadOnlySpan<byte> line)
    {
        try
        {
            StrictUtf8.GetCharCount(line);
        }
        catch (DecoderFallbackException)
        {
            return LineVerdict.Reject(GuessId(line), JsonRpcCodes.ParseError, "Parse error: the message is not valid UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line.ToArray());
        }
        catch (JsonException e)
        {
            return LineVerdict.Reject(GuessId(line), JsonRpcCodes.ParseError, $"Parse error: {e.Message}");
        }

        using (document)
        {
            return InspectMessage(document.RootElement);
        }
    }

    private static LineVerdict InspectMessage(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return LineVerdict.Reject(null, JsonRpcCodes.InvalidRequest, "Invalid Request: JSON-RPC batches are not supported (MCP removed them in 2025-06-18); send one message per line.");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return LineVerdict.Reject(null, JsonRpcCodes.InvalidRequest, "Invalid Request: a JSON-RPC message is a JSON object.");
        }

        string? id = null;
        if (root.TryGetProperty("id", out var idElement))
        {
            if (idElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            {
                return LineVerdict.Reject(null, JsonRpcCodes.InvalidRequest, "Invalid Request: 'id' must be a string or a number (MCP does not allow null ids).");
            }

            id = RequestIds.From(idElement);
        }

        if (!root.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
        {
            return LineVerdict.Reject(id, JsonRpcCodes.InvalidRequest, "Invalid Request: 'jsonrpc' must be \"2.0\".");
        }

        if (!root.TryGetProperty("method", out var method))
        {
            // A response to a server-to-client request (elicitation, ping): the SDK matches it.
            return root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _)
                ? new LineVerdict(true, null, null)
                : LineVerdict.Reject(id, JsonRpcCodes.InvalidRequest, "Invalid Request: no 'method', 'result' or 'error'.");
        }

        if (method.ValueKind != JsonValueKind.String)
        {
            return LineVerdict.Reject(id, JsonRpcCodes.InvalidRequest, "Invalid Request: 'method' must be a string.");
        }

        var hasParams = root.TryGetProperty("params", out var parameters);
        if (hasParams && parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            return id is null
                ? LineVerdict.Drop
                : LineVerdict.Reject(id, JsonRpcCodes.InvalidParams, "Invalid params: 'params' must be an object.");
        }

        if (id is not null && method.GetString() == "tools/call" && CheckToolCall(hasParams ? parameters : default) is { } problem)
        {
            return LineVerdict.Reject(id, JsonRpcCodes.InvalidParams, problem);
        }

        var cancelled = method.GetString() == "notifications/cancelled" && hasParams
            && parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("requestId", out var rid)
            && rid.ValueKind is JsonValueKind.String or JsonValueKind.Number
                ? RequestIds.From(rid)
                : null;
        return new LineVerdict(true, id, cancelled);
    }

    private static string? CheckToolCall(JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            return "Invalid params: tools/call needs params {\"name\": \"<tool>\", \"arguments\": {...}}.";
        }

        if (!parameters.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            return "Invalid params: tools/call needs 'name', the tool's name as a string (tools/list lists them).";
        }

        return parameters.TryGetProperty("arguments", out var arguments) && arguments.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null)
            ? $"Invalid params: 'arguments' of {name.GetString()} must be an object of argument names to values."
            : null;
    }

    /// <summary>Finds a request id in text that is not valid JSON or too large to parse, so its sender still gets an answer.</summary>
    public static string? GuessId(ReadOnlySpan<byte> text)
    {
        var latin1 = Encoding.Latin1.GetString(text);
        var match = IdPattern().Match(latin1);
        return match.Success ? match.Groups["id"].Value : null;
    }

    [GeneratedRegex("\"id\"\\s*:\\s*(?<id>\"(?:[^\"\\\\]|\\\\.){0,200}\"|-?[0-9]{1,18})", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
