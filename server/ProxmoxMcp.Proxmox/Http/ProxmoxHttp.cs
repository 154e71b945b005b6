using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ProxmoxMcp.Proxmox.Http;

/// <summary>
/// The one place requests are made: GET and DELETE carry parameters in the query, POST and PUT in a form body;
/// replies are unwrapped from PVE's envelope. Credentials, TLS, timeouts and retries live in the handler chain.
/// </summary>
public sealed class ProxmoxHttp(HttpClient http)
{
    public async Task<PveResponse> SendAsync(HttpMethod method, PvePath path, PveParameters? parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        parameters ??= PveParameters.None;
        var bodyless = method == HttpMethod.Get || method == HttpMethod.Delete;
        var relative = path.Value.TrimStart('/');
        if (bodyless && !parameters.IsEmpty)
        {
            relative += "?" + parameters.Encode();
        }

        using var request = new HttpRequestMessage(method, new Uri(relative, UriKind.Relative));
        if (!bodyless)
        {
            request.Content = FormContent.Create(parameters);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await PveResponse.ReadAsync(response, method.Method, path.Value, cancellationToken);
    }

    public async Task<T> GetAsync<T>(PvePath path, PveParameters? parameters, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, parameters, cancellationToken);
        return Deserialize(response, type, path);
    }

    /// <summary>A GET whose reply PVE pages: the items and PVE's <c>total</c>.</summary>
    public async Task<(T Items, int? Total)> GetPageAsync<T>(PvePath path, PveParameters? parameters, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, parameters, cancellationToken);
        return (Deserialize(response, type, path), response.Total);
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
            throw new ProxmoxApiException(
                200, "Unexpected reply", $"Could not read the reply to GET {path}: {e.Message}", new Dictionary<string, string>(), "GET", path.Value);
        }
    }
}
