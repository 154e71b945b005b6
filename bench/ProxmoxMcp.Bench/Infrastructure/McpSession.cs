using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ProxmoxMcp.Bench.Bridge;

namespace ProxmoxMcp.Bench.Infrastructure;

/// <summary>One tool call's reply as it came over the wire.</summary>
/// <param name="Milliseconds">From the first byte written to the reply line read.</param>
/// <param name="Bytes">The JSON-RPC reply message in UTF-8, without its newline.</param>
/// <param name="Error">Null when the call succeeded; else what went wrong (JSON-RPC error, isError result, timeout).</param>
internal sealed record ToolReply(double Milliseconds, byte[] Bytes, string? Error)
{
    public JsonDocument Parse() => JsonDocument.Parse(Bytes);
}

/// <summary>
/// A raw NDJSON MCP client: writes one JSON-RPC request per line and reads lines until its reply. No SDK in the
/// measured path, so what is timed is the server (and the pipe or socket), not a client library.
/// One call at a time per session.
/// </summary>
internal sealed class McpSession(Stream stream)
{
    private readonly LineChannel lines = new(stream);
    private int nextId = 1;

    /// <param name="clientName">The clientInfo name to send (the server renders large lists per client).</param>
    public async Task<ToolReply> InitializeAsync(CancellationToken cancellationToken, string clientName = "proxmox-mcp-bench")
    {
        var reply = await RequestAsync(
            "initialize",
            $$$"""{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"{{{clientName}}}","version":"1"}}""",
            cancellationToken);
        await lines.WriteLineAsync(Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"), cancellationToken);
        return reply;
    }

    /// <summary>tools/call with the arguments given as a JSON object text.</summary>
    public Task<ToolReply> CallToolAsync(string tool, string argumentsJson, CancellationToken cancellationToken) =>
        RequestAsync("tools/call", $$"""{"name":"{{tool}}","arguments":{{argumentsJson}}}""", cancellationToken);

    public async Task<IReadOnlyList<string>> ListToolsAsync(CancellationToken cancellationToken)
    {
        var reply = await RequestAsync("tools/list", "{}", cancellationToken);
        using var document = reply.Parse();
        return document.RootElement.GetProperty("result").GetProperty("tools").EnumerateArray()
            .Select(t => t.GetProperty("name").GetString()!)
            .ToList();
    }

    public async Task<ToolReply> RequestAsync(string method, string paramsJson, CancellationToken cancellationToken)
    {
        var id = nextId++;
        var request = Encoding.UTF8.GetBytes(
            $$"""{"jsonrpc":"2.0","id":{{id.ToString(CultureInfo.InvariantCulture)}},"method":"{{method}}","params":{{paramsJson}}}""" + "\n");
        var started = Stopwatch.GetTimestamp();
        await lines.WriteLineAsync(request, cancellationToken);
        while (true)
        {
            var line = await lines.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                return new ToolReply(Stopwatch.GetElapsedTime(started).TotalMilliseconds, [], "server closed the connection");
            }

            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!IsReplyTo(line, id))
            {
                continue; // a notification or a log message; not ours
            }

            return new ToolReply(elapsed, line, ErrorOf(line));
        }
    }

    private static bool IsReplyTo(byte[] line, int id)
    {
        var reader = new Utf8JsonReader(line);
        var depth = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    depth++;
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    depth--;
                    break;
                case JsonTokenType.PropertyName when depth == 1 && reader.ValueTextEquals("id"u8):
                    reader.Read();
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) && value == id;
                case JsonTokenType.PropertyName when depth == 1:
                    reader.Read();
                    reader.Skip();
                    break;
            }
        }

        return false;
    }

    private static string? ErrorOf(byte[] line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error))
        {
            return "JSON-RPC error: " + error.GetRawText();
        }

        if (root.TryGetProperty("result", out var result) && result.TryGetProperty("isError", out var isError) && isError.ValueKind == JsonValueKind.True)
        {
            var text = result.TryGetProperty("content", out var content) && content.GetArrayLength() > 0 && content[0].TryGetProperty("text", out var t)
                ? t.GetString()
                : result.GetRawText();
            return "tool error: " + text;
        }

        return null;
    }
}
