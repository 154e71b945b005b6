using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProxmoxMcp.Simulator;

/// <summary>One API response: status, reason phrase (where PVE puts its error text), headers and body.</summary>
public sealed class SimulatedResponse
{
    internal const string JsonContentType = "application/json;charset=UTF-8";

    internal SimulatedResponse(int status, string reasonPhrase, byte[] body, string? contentType)
    {
        Status = status;
        ReasonPhrase = reasonPhrase;
        Body = body;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Server"] = "pve-api-daemon/3.0",
            ["Cache-Control"] = "max-age=0",
            ["Pragma"] = "no-cache",
        };
        if (contentType is not null)
        {
            headers["Content-Type"] = contentType;
        }

        Headers = headers;
    }

    /// <summary>HTTP status (200, 400, 401, 403, 500, 501, 595...).</summary>
    public int Status { get; }

    /// <summary>HTTP reason phrase; for errors the first line of PVE's message.</summary>
    public string ReasonPhrase { get; }

    /// <summary>Body bytes (UTF-8 JSON, or empty for 401/595).</summary>
    public byte[] Body { get; }

    /// <summary>Response headers (Content-Type only when there is a JSON body).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Content type, or null when the body is empty.</summary>
    public string? ContentType => Headers.TryGetValue("Content-Type", out var ct) ? ct : null;

    /// <summary>True when a fault asked to drop the connection instead of answering.</summary>
    public bool DropConnection { get; private init; }

    /// <summary>Name of the fault rule that produced or delayed this response, or null.</summary>
    public string? FaultApplied { get; internal set; }

    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The body as text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The parsed JSON body, or null when the body is empty or not JSON.</summary>
    public JsonNode? Json
    {
        get
        {
            if (Body.Length == 0)
            {
                return null;
            }

            try
            {
                return JsonNode.Parse(Body);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>The "data" member of the JSON envelope, or null.</summary>
    public JsonNode? Data => Json is JsonObject o && o.TryGetPropertyValue("data", out var d) ? d : null;

    internal static SimulatedResponse FromJson(int status, string reason, JsonNode envelope) =>
        new(status, reason, JsonSerializerUtf8(envelope), JsonContentType);

    internal static SimulatedResponse Empty(int status, string reason) => new(status, reason, [], null);

    internal static SimulatedResponse PlainText(int status, string reason, string text) =>
        new(status, reason, Encoding.UTF8.GetBytes(text), null);

    internal static SimulatedResponse Dropped() => new(0, "connection dropped", [], null) { DropConnection = true };

    private static byte[] JsonSerializerUtf8(JsonNode node)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = false, SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            node.WriteTo(w);
        }

        return ms.ToArray();
    }

    public override string ToString() => $"{Status} {ReasonPhrase}";
}
