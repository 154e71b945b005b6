using System.Text.Json;

namespace ProxmoxMcp.Proxmox.Http;

/// <summary>A successful PVE reply: the <c>data</c> member of <c>{"data": ...}</c>, and <c>total</c> where PVE pages.</summary>
public sealed class PveResponse : IDisposable
{
    private static readonly JsonElement Null = JsonDocument.Parse("null").RootElement;
    private readonly JsonDocument? document;

    private PveResponse(JsonDocument? document, JsonElement data, int? total)
    {
        this.document = document;
        Data = data;
        Total = total;
    }

    public JsonElement Data { get; }

    public int? Total { get; }

    /// <summary>Reads a reply; a non-success status becomes a <see cref="ProxmoxApiException"/>.</summary>
    public static async Task<PveResponse> ReadAsync(HttpResponseMessage response, string method, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw ToException(response, bytes, method, path);
        }

        if (bytes.Length == 0)
        {
            return new PveResponse(null, Null, null);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new ProxmoxApiException(
                (int)response.StatusCode, "Invalid JSON from the server", $"The reply to {method} {path} is not JSON ({e.Message}); is PROXMOX_HOST a Proxmox VE node?",
                new Dictionary<string, string>(), method, path);
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data))
        {
            document.Dispose();
            throw new ProxmoxApiException(
                (int)response.StatusCode, "Unexpected reply", $"The reply to {method} {path} has no 'data' member; is PROXMOX_HOST a Proxmox VE node?",
                new Dictionary<string, string>(), method, path);
        }

        int? total = root.TryGetProperty("total", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt32(out var n) ? n : null;
        return new PveResponse(document, data, total);
    }

    private static ProxmoxApiException ToException(HttpResponseMessage response, byte[] body, string method, string path)
    {
        string? message = null;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            if (body.Length > 0)
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    if (root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                    {
                        message = m.GetString()?.Trim();
                    }

                    if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var property in e.EnumerateObject())
                        {
                            errors[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()!.Trim() : property.Value.ToString();
                        }
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (e.g. an HTML error page from a proxy): the reason phrase carries PVE's text anyway.
        }

        return new ProxmoxApiException((int)response.StatusCode, response.ReasonPhrase, message, errors, method, path);
    }

    public void Dispose() => document?.Dispose();
}
