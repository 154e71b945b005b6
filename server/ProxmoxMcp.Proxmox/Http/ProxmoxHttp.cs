using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ProxmoxMcp.Proxmox.Recording;

namespace ProxmoxMcp.Proxmox.Http;

/// <summary>
/// The one place requests are made: GET and DELETE carry parameters in the query, POST and PUT in a form body;
/// replies are unwrapped from PVE's envelope. Credentials, TLS, timeouts and retries live in the handler chain.
/// Within a tool call every request is reported to the call's <see cref="PveRecorder"/> (dry run, audit).
/// </summary>
public sealed class ProxmoxHttp(HttpClient http)
{
    public Task<PveResponse> SendAsync(HttpMethod method, PvePath path, PveParameters? parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        parameters ??= PveParameters.None;
        return SendRecordedAsync(method, path, parameters, () => CreateRequest(method, path, parameters), cancellationToken);
    }

    /// <summary>
    /// A POST whose parameters travel as a JSON object (application/json, which PVE's API server also reads): needed where
    /// a parameter is an array that may hold one item, which a form cannot tell apart from a plain string.
    /// </summary>
    /// <param name="recorded">The same parameters as pairs, for the call's recorder (dry run, audit).</param>
    public Task<PveResponse> PostJsonAsync(PvePath path, Action<System.Text.Json.Utf8JsonWriter> writeBody, PveParameters recorded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writeBody);
        ArgumentNullException.ThrowIfNull(recorded);
        return SendRecordedAsync(HttpMethod.Post, path, recorded, () =>
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
            using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writeBody(writer);
                writer.WriteEndObject();
            }

            return new HttpRequestMessage(HttpMethod.Post, new Uri(path.Value.TrimStart('/'), UriKind.Relative))
            {
                Content = new ByteArrayContent(buffer.WrittenSpan.ToArray()) { Headers = { ContentType = new("application/json") } },
            };
        }, cancellationToken);
    }

    /// <summary>Every request but the streamed GETs: reported to the call's recorder, which in a dry run withholds a write here.</summary>
    private async Task<PveResponse> SendRecordedAsync(
        HttpMethod method, PvePath path, PveParameters parameters, Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        var recorder = PveRecorder.Current;
        recorder?.BeforeSend(method, path, parameters);
        try
        {
            using var request = createRequest();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var reply = await PveResponse.ReadAsync(response, method.Method, path.Value, cancellationToken);
            recorder?.Completed(method, path, parameters, (int)response.StatusCode, reply.Data);
            return reply;
        }
        catch (Exception e) when (recorder?.Failed(method, path, parameters, e) == true)
        {
            throw; // never reached: Failed only records
        }
    }

    public async Task<T> GetAsync<T>(PvePath path, PveParameters? parameters, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        (await GetDataAsync(path, parameters, type, cancellationToken)).Data;

    /// <summary>A GET whose reply PVE pages: the items and PVE's <c>total</c>.</summary>
    public async Task<(T Items, int? Total)> GetPageAsync<T>(PvePath path, PveParameters? parameters, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        await GetDataAsync(path, parameters, type, cancellationToken);

    /// <summary>A GET whose <c>data</c> is deserialized without a JsonDocument (see <see cref="PveReply"/>); error replies are read whole, as for every other request.</summary>
    private async Task<(T Data, int? Total)> GetDataAsync<T>(PvePath path, PveParameters? parameters, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(type);
        parameters ??= PveParameters.None;
        var recorder = PveRecorder.Current;
        try
        {
            using var request = CreateRequest(HttpMethod.Get, path, parameters);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength == 0 || recorder is { DryRun: true })
            {
                // Throws for an error status; an empty success body has null data. A dry run reads whole to summarize what it checked.
                using var whole = await PveResponse.ReadAsync(response, "GET", path.Value, cancellationToken);
                recorder?.Completed(HttpMethod.Get, path, parameters, (int)response.StatusCode, whole.Data);
                return (Deserialize(whole, type, path), whole.Total);
            }

            var reply = await PveReply.ReadAsync(response, type, path.Value, cancellationToken);
            recorder?.Completed(HttpMethod.Get, path, parameters, (int)response.StatusCode, null);
            return reply;
        }
        catch (Exception e) when (recorder?.Failed(HttpMethod.Get, path, parameters, e) == true)
        {
            throw; // never reached: Failed only records
        }
    }

    private static HttpRequestMessage CreateRequest(HttpMethod method, PvePath path, PveParameters? parameters)
    {
        parameters ??= PveParameters.None;
        var bodyless = method == HttpMethod.Get || method == HttpMethod.Delete;
        var relative = path.Value.TrimStart('/');
        if (bodyless && !parameters.IsEmpty)
        {
            relative += "?" + parameters.Encode();
        }

        var request = new HttpRequestMessage(method, new Uri(relative, UriKind.Relative));
        if (!bodyless)
        {
            request.Content = FormContent.Create(parameters);
        }

        return request;
    }

    /// <summary>A request that starts a worker task: PVE answers at once with its UPID.</summary>
    public async Task<Upid> StartTaskAsync(HttpMethod method, PvePath path, PveParameters? parameters, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, parameters, cancellationToken);
        var text = response.Data.ValueKind == JsonValueKind.String ? response.Data.GetString() : null;
        return Upid.TryParse(text, out var upid)
            ? upid
            : throw new ProxmoxApiException(200, "Unexpected reply", $"Expected a task id (UPID) from {method} {path}, got {response.Data.GetRawText()}",
                new Dictionary<string, string>(), method.Method, path.Value);
    }

    /// <summary>A request PVE may answer with a UPID (a task was started) or with null (done synchronously).</summary>
    public async Task<Upid?> SendMaybeTaskAsync(HttpMethod method, PvePath path, PveParameters? parameters, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, parameters, cancellationToken);
        return response.Data.ValueKind == JsonValueKind.String && Upid.TryParse(response.Data.GetString(), out var upid) ? upid : null;
    }

    private static T Deserialize<T>(PveResponse response, JsonTypeInfo<T> type, PvePath path)
    {
        try
        {
            return response.Data.Deserialize(type)
                ?? throw new JsonException("null data");
        }
        catch (JsonException e)
        {
            throw PveReply.Unreadable(path.Value, e.Message);
        }
    }
}
