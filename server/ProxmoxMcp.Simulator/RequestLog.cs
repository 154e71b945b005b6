using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProxmoxMcp.Simulator;

/// <summary>One request received by the simulator, with its answer.</summary>
public sealed class RequestLogEntry
{
    internal RequestLogEntry()
    {
    }

    public long Sequence { get; internal set; }

    public DateTimeOffset Time { get; internal init; }

    public required string Method { get; init; }

    /// <summary>Decoded path relative to /api2/json (e.g. /nodes/pve1/qemu/100/status/start).</summary>
    public required string Path { get; init; }

    /// <summary>Decoded query parameters, in order (repeated keys repeat).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; internal init; } = [];

    /// <summary>Decoded form parameters, in order (for a JSON body see <see cref="JsonBody"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Body { get; internal init; } = [];

    /// <summary>The JSON body object when the request was sent as application/json.</summary>
    public string? JsonBody { get; internal init; }

    /// <summary>Raw body text when it was neither form nor JSON object (e.g. a GET with a body).</summary>
    public string? RawBody { get; internal init; }

    /// <summary>Authenticated user or token id, if any.</summary>
    public string? User { get; internal set; }

    public int Status { get; internal set; }

    public string Reason { get; internal set; } = "";

    /// <summary>Response body text (empty for 401/595/dropped).</summary>
    public string ResponseBody { get; internal set; } = "";

    /// <summary>The response body was larger than SimulatorOptions.RequestLogMaxBodyBytes and was not kept.</summary>
    public bool ResponseBodyOmitted { get; internal set; }

    /// <summary>The connection was dropped by a fault.</summary>
    public bool Dropped { get; internal set; }

    /// <summary>The fault rule that answered or delayed it, if any.</summary>
    public string? Fault { get; internal set; }

    /// <summary>True when the simulator rejected the call by schema checking (400 parameter verification, 501 no such method or path).</summary>
    public bool RejectedBySchema { get; internal set; }

    public override string ToString() => $"{Method} {Path} -> {Status} {Reason}";
}

/// <summary>Every request and its response, thread-safe; exportable as JSONL for tests/contract/pve-api/check_*.py.</summary>
public sealed class RequestLog
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Lock _lock = new();
    private readonly LinkedList<RequestLogEntry> _entries = new();
    private readonly Dictionary<string, long> _byMethod = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Method, string Path), long> _byMethodPath = [];
    private readonly int _capacity;
    private long _sequence;

    internal RequestLog(int capacity = 10_000)
    {
        _capacity = Math.Max(1, capacity);
    }

    /// <summary>Total number of requests received (also those no longer kept).</summary>
    public long TotalCount
    {
        get
        {
            lock (_lock)
            {
                return _sequence;
            }
        }
    }

    /// <summary>Number of entries kept.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>A copy of all entries in arrival order.</summary>
    public IReadOnlyList<RequestLogEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>
    /// Number of requests with this HTTP method (e.g. to assert POSTs were not retried), optionally only for one decoded
    /// path relative to /api2/json. Counts every request since the last <see cref="Clear"/>, also ones no longer kept.
    /// </summary>
    public int CountByMethod(string method, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        lock (_lock)
        {
            if (path is null)
            {
                return (int)_byMethod.GetValueOrDefault(method);
            }

            return (int)_byMethodPath.GetValueOrDefault((method.ToUpperInvariant(), path));
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _byMethod.Clear();
            _byMethodPath.Clear();
        }
    }

    internal void Add(RequestLogEntry entry)
    {
        lock (_lock)
        {
            entry.Sequence = ++_sequence;
            _entries.AddLast(entry);
            if (_entries.Count > _capacity)
            {
                _entries.RemoveFirst();
            }

            _byMethod[entry.Method] = _byMethod.GetValueOrDefault(entry.Method) + 1;
            var key = (entry.Method.ToUpperInvariant(), entry.Path);
            _byMethodPath[key] = _byMethodPath.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>
    /// Write the calls as JSONL in check_calls.py's format: {"method","path":"/api2/json/...","query":{},"body":{}}
    /// with string values as on the wire (lists for repeated keys). A filter may leave entries out.
    /// </summary>
    public void WriteCallsJsonl(TextWriter writer, Func<RequestLogEntry, bool>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var e in Entries)
        {
            if (filter is not null && !filter(e))
            {
                continue;
            }

            var o = new JsonObject
            {
                ["method"] = e.Method,
                ["path"] = "/api2/json" + e.Path,
                ["query"] = Pairs(e.Query),
            };
            if (e.JsonBody is not null)
            {
                o["body"] = JsonNode.Parse(e.JsonBody);
                o["body_encoding"] = "json";
            }
            else if (e.RawBody is not null)
            {
                o["body"] = e.RawBody;
            }
            else
            {
                o["body"] = Pairs(e.Body);
            }

            writer.Write(ToJson(o));
            writer.Write('\n');
        }
    }

    /// <summary>Write the responses as JSONL in check_responses.py's format: {"method","path","status","body"} (dropped connections left out).</summary>
    public void WriteResponsesJsonl(TextWriter writer, Func<RequestLogEntry, bool>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var e in Entries)
        {
            if (e.Dropped || e.ResponseBodyOmitted || (filter is not null && !filter(e)))
            {
                continue;
            }

            JsonNode? body = null;
            if (e.ResponseBody.Length > 0)
            {
                try
                {
                    body = JsonNode.Parse(e.ResponseBody);
                }
                catch (JsonException)
                {
                    body = e.ResponseBody;
                }
            }

            var o = new JsonObject
            {
                ["method"] = e.Method,
                ["path"] = "/api2/json" + e.Path,
                ["status"] = e.Status,
                ["body"] = body,
            };
            writer.Write(ToJson(o));
            writer.Write('\n');
        }
    }

    private static JsonObject Pairs(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        var o = new JsonObject();
        foreach (var kv in pairs)
        {
            if (o[kv.Key] is JsonArray arr)
            {
                arr.Add((JsonNode)kv.Value);
            }
            else if (o.ContainsKey(kv.Key))
            {
                var first = o[kv.Key]!.GetValue<string>();
                o[kv.Key] = new JsonArray(first, kv.Value);
            }
            else
            {
                o[kv.Key] = kv.Value;
            }
        }

        return o;
    }

    internal static string ToJson(JsonNode node)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, WriterOptions))
        {
            node.WriteTo(w);
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }
}
