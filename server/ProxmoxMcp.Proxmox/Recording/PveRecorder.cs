using System.Globalization;
using System.Text.Json;
using ProxmoxMcp.Proxmox.Http;

namespace ProxmoxMcp.Proxmox.Recording;

/// <summary>
/// Records the requests <see cref="ProxmoxHttp"/> makes while a tool call runs (ambient, like a logging scope: set by
/// a call-tool filter, seen by every request the call makes, however deep). In a dry run the first request that is
/// not a GET is recorded and not sent: <see cref="WriteWithheldException"/> ends the call there. GETs go through, as
/// they check the current state, and are recorded with a short summary of what they read.
/// </summary>
public sealed class PveRecorder
{
    private static readonly AsyncLocal<PveRecorder?> Ambient = new();
    private readonly Lock gate = new();
    private readonly List<PveExchange> exchanges = [];

    private PveRecorder(bool dryRun)
    {
        DryRun = dryRun;
    }

    /// <summary>The recorder of the tool call this code runs in, if any.</summary>
    public static PveRecorder? Current => Ambient.Value;

    /// <summary>True: writes are withheld, not sent.</summary>
    public bool DryRun { get; }

    /// <summary>Every request of the call so far, in the order they completed.</summary>
    public IReadOnlyList<PveExchange> Exchanges
    {
        get
        {
            lock (gate)
            {
                return [.. exchanges];
            }
        }
    }

    /// <summary>Starts recording for the calling flow until the returned scope is disposed.</summary>
    public static Scope Start(bool dryRun)
    {
        var previous = Ambient.Value;
        var recorder = new PveRecorder(dryRun);
        Ambient.Value = recorder;
        return new Scope(recorder, previous);
    }

    /// <summary>Called before a request is sent: in a dry run a write is recorded and the call ends here.</summary>
    internal void BeforeSend(HttpMethod method, PvePath path, PveParameters parameters)
    {
        if (DryRun && method != HttpMethod.Get)
        {
            var withheld = Describe(method, path, parameters);
            Add(withheld);
            throw new WriteWithheldException(withheld);
        }
    }

    internal void Completed(HttpMethod method, PvePath path, PveParameters parameters, int status, JsonElement? data) =>
        Add(Describe(method, path, parameters) with
        {
            Status = status,
            Upid = method != HttpMethod.Get && data is { ValueKind: JsonValueKind.String } text && text.GetString() is { } s && s.StartsWith("UPID:", StringComparison.Ordinal) ? s : null,
            Summary = DryRun && data is { } read ? Summarize(read) : null,
        });

    /// <summary>Records a failed request; returns false so that it can sit in an exception filter and never catch.</summary>
    internal bool Failed(HttpMethod method, PvePath path, PveParameters parameters, Exception exception)
    {
        if (exception is WriteWithheldException)
        {
            return false;
        }

        Add(Describe(method, path, parameters) with
        {
            Status = exception is ProxmoxApiException api ? api.StatusCode : null,
            Error = exception.Message,
        });
        return false;
    }

    private void Add(PveExchange exchange)
    {
        lock (gate)
        {
            exchanges.Add(exchange);
        }
    }

    private static PveExchange Describe(HttpMethod method, PvePath path, PveParameters parameters) =>
        new(method.Method, Uri.UnescapeDataString(path.Value), SecretParameters.Redact(parameters.Items));

    /// <summary>"14 items", "status=running, name=web01, ..." or the value itself: enough to say what was checked.</summary>
    internal static string Summarize(JsonElement data)
    {
        const int Max = 120;
        var text = data.ValueKind switch
        {
            JsonValueKind.Array => data.GetArrayLength().ToString(CultureInfo.InvariantCulture) + (data.GetArrayLength() == 1 ? " item" : " items"),
            JsonValueKind.Object => string.Join(", ", data.EnumerateObject()
                .Where(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                .Select(p => $"{p.Name}={(SecretParameters.IsSecret(p.Name) ? SecretParameters.Mask : Scalar(p.Value))}")),
            JsonValueKind.Null or JsonValueKind.Undefined => "nothing",
            _ => Scalar(data),
        };
        return text.Length <= Max ? text : text[..(Max - 3)] + "...";
    }

    private static string Scalar(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        return text.Length <= 40 ? text : text[..37] + "...";
    }

    /// <summary>Restores the previous recorder (normally none) when disposed.</summary>
    public sealed class Scope(PveRecorder recorder, PveRecorder? previous) : IDisposable
    {
        public PveRecorder Recorder => recorder;

        public void Dispose() => Ambient.Value = previous;
    }
}
