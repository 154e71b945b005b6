using System.Text.Json;

namespace ProxmoxMcp.Bridge.Protocol;

/// <summary>One line of the protocol: its exact bytes, and the few top-level fields the bridge routes by.</summary>
internal sealed class JsonRpcMessage
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 4096 };

    private JsonRpcMessage(ReadOnlyMemory<byte> bytes, MessageKind kind, JsonRpcId? id, string? method, bool isError)
    {
        Bytes = bytes;
        Kind = kind;
        Id = id;
        Method = method;
        IsError = isError;
    }

    /// <summary>The line without its line ending; it may be a slice of the buffer it was read into, never changed.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    public MessageKind Kind { get; }

    public JsonRpcId? Id { get; }

    public string? Method { get; }

    /// <summary>A response carrying "error" rather than "result".</summary>
    public bool IsError { get; }

    /// <summary>Classifies a line; never throws: what cannot be read as a JSON-RPC object is <see cref="MessageKind.Other"/>.</summary>
    public static JsonRpcMessage Parse(ReadOnlyMemory<byte> line)
    {
        try
        {
            return ParseObject(line);
        }
        catch (JsonException)
        {
            return new JsonRpcMessage(line, MessageKind.Other, null, null, false);
        }
        catch (InvalidOperationException)
        {
            return new JsonRpcMessage(line, MessageKind.Other, null, null, false);
        }
    }

    private static JsonRpcMessage ParseObject(ReadOnlyMemory<byte> line)
    {
        var reader = new Utf8JsonReader(line.Span, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return new JsonRpcMessage(line, MessageKind.Other, null, null, false);
        }

        JsonRpcId? id = null;
        string? method = null;
        var hasId = false;
        var isError = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                hasId = true;
                id = reader.TokenType switch
                {
                    JsonTokenType.String => JsonRpcId.String(reader.GetString()!),
                    JsonTokenType.Number => new JsonRpcId(false, System.Text.Encoding.UTF8.GetString(reader.ValueSpan)),
                    _ => null,
                };
                reader.Skip();
            }
            else if (reader.ValueTextEquals("method"u8))
            {
                reader.Read();
                method = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            else
            {
                isError |= reader.ValueTextEquals("error"u8);
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return new JsonRpcMessage(line, MessageKind.Other, null, null, false);
        }

        var kind = (method, id, hasId) switch
        {
            (not null, not null, _) => MessageKind.Request,
            (not null, null, false) => MessageKind.Notification,
            (null, not null, _) => MessageKind.Response,
            _ => MessageKind.Other,
        };
        return new JsonRpcMessage(line, kind, id, method, isError && kind == MessageKind.Response);
    }

    public override string ToString() => Kind switch
    {
        MessageKind.Request => $"request {Method} id {Id}",
        MessageKind.Notification => $"notification {Method}",
        MessageKind.Response => $"{(IsError ? "error" : "result")} for id {Id}",
        _ => $"unrecognised message of {Bytes.Length} bytes",
    };
}
