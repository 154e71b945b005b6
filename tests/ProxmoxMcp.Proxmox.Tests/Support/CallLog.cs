using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ProxmoxMcp.Proxmox.Tests.Support;

/// <summary>
/// Every request any test sends through <see cref="PveMock"/>, in the JSONL form <c>check_calls.py</c> reads:
/// <c>{"method","path":"/api2/json/...","query":{},"body":{}}</c> with string values as decoded from the wire.
/// </summary>
public static class CallLog
{
    private static readonly ConcurrentQueue<string> Lines = new();

    public static int Count => Lines.Count;

    public static void Add(RecordedRequest request) => Lines.Enqueue(ToJsonLine(request));

    public static IReadOnlyList<string> Snapshot() => [.. Lines];

    public static string ToJsonLine(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("method", request.Method);
            writer.WriteString("path", request.Path);
            WriteParameters(writer, "query", request.QueryParameters);
            WriteParameters(writer, "body", request.FormParameters);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteParameters(Utf8JsonWriter writer, string name, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        writer.WriteStartObject(name);
        foreach (var group in parameters.GroupBy(p => p.Key, StringComparer.Ordinal))
        {
            var values = group.Select(p => p.Value).ToList();
            if (values.Count == 1)
            {
                writer.WriteString(group.Key, values[0]);
            }
            else
            {
                writer.WriteStartArray(group.Key);
                values.ForEach(writer.WriteStringValue);
                writer.WriteEndArray();
            }
        }

        writer.WriteEndObject();
    }
}
