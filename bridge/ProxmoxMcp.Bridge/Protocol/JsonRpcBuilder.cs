using System.Buffers;
using System.Text.Json;

namespace ProxmoxMcp.Bridge.Protocol;

/// <summary>The few messages the bridge writes itself.</summary>
internal static class JsonRpcBuilder
{
    /// <summary>JSON-RPC "server error" range: used for everything about the link.</summary>
    public const int LinkErrorCode = -32000;

    public const int InvalidRequestCode = -32600;

    public static byte[] Error(JsonRpcId id, int code, string message, string reason) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WritePropertyName("id");
        id.WriteTo(writer);
        writer.WriteStartObject("error");
        writer.WriteNumber("code", code);
        writer.WriteString("message", message);
        writer.WriteStartObject("data");
        writer.WriteString("source", "proxmox-mcp-bridge");
        writer.WriteString("reason", reason);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    public static byte[] Ping(JsonRpcId id) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WritePropertyName("id");
        id.WriteTo(writer);
        writer.WriteString("method", "ping");
        writer.WriteEndObject();
    });

    /// <summary>Tells the client that a request the server sent it is void (the server that asked is gone).</summary>
    public static byte[] Cancelled(JsonRpcId requestId, string reason) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WriteString("method", "notifications/cancelled");
        writer.WriteStartObject("params");
        writer.WritePropertyName("requestId");
        requestId.WriteTo(writer);
        writer.WriteString("reason", reason);
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    /// <summary>The same message with its top-level id replaced (every other member kept as it was).</summary>
    public static byte[] WithId(ReadOnlyMemory<byte> message, JsonRpcId id)
    {
        using var document = JsonDocument.Parse(message, new JsonDocumentOptions { MaxDepth = 4096 });
        return Write(writer =>
        {
            writer.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("id"u8))
                {
                    writer.WritePropertyName("id");
                    id.WriteTo(writer);
                }
                else
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        });
    }

    /// <summary>The "message" of a JSON-RPC error response, for the log.</summary>
    public static string? ErrorMessage(ReadOnlyMemory<byte> response)
    {
        try
        {
            using var document = JsonDocument.Parse(response, new JsonDocumentOptions { MaxDepth = 4096 });
            return document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message) ? message.ToString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, MaxDepth = 4096 }))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
