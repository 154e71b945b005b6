using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ProxmoxMcp.Proxmox.Http;

/// <summary>
/// Reads a successful GET reply, <c>{"data": ..., "total": n}</c>, without a JsonDocument: the body goes into a
/// reused buffer and <c>data</c> is deserialized straight from its UTF-8 bytes. A /cluster/resources reply of a
/// 5,000-guest cluster is about 1.6 MB; read as a byte array and parsed into a JsonDocument first, each listing cost
/// a large-object-heap copy plus pooled buffers that the shared ArrayPool keeps per thread, and the server's resident
/// set grew with every listing.
/// </summary>
internal static class PveReply
{
    /// <summary>At most one buffer per size class is kept between replies (calls of one client are mostly sequential).</summary>
    private static readonly ArrayPool<byte> Buffers = ArrayPool<byte>.Create(maxArrayLength: 1024 * 1024 * 1024, maxArraysPerBucket: 1);

    /// <summary>Reads the body and deserializes its <c>data</c>; a reply that is not PVE's envelope throws <see cref="ProxmoxApiException"/>.</summary>
    public static async Task<(T Data, int? Total)> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, string path, CancellationToken cancellationToken)
    {
        var length = response.Content.Headers.ContentLength;
        var buffer = Buffers.Rent(length is > 0 and < int.MaxValue - 1 ? (int)length.Value + 1 : 16 * 1024);
        try
        {
            var used = 0;
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(used), cancellationToken)) > 0)
            {
                used += read;
                if (used == buffer.Length)
                {
                    var larger = Buffers.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, used).CopyTo(larger);
                    Buffers.Return(buffer);
                    buffer = larger;
                }
            }

            return Parse(buffer.AsSpan(0, used), type, (int)response.StatusCode, path);
        }
        finally
        {
            Buffers.Return(buffer);
        }
    }

    private static (T Data, int? Total) Parse<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> type, int status, string path)
    {
        var reader = new Utf8JsonReader(json);
        T? data = default;
        var hasData = false;
        int? total = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                while (reader.Read())
                {
                    // validate the rest: invalid JSON is reported as such, valid JSON without the envelope as that
                }

                throw NoEnvelope(status, path);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("data"u8))
                {
                    reader.Read();
                    data = JsonSerializer.Deserialize(ref reader, type);
                    hasData = true;
                }
                else if (reader.ValueTextEquals("total"u8))
                {
                    reader.Read();
                    total = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var n) ? n : null;
                    reader.Skip();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            while (reader.Read())
            {
                // anything after the envelope object makes the reader throw
            }
        }
        catch (JsonException e) when (e.InnerException is JsonException || e.GetType() != typeof(JsonException))
        {
            // The reader failed (its own exception type, or wrapped by the serializer): not JSON, or cut short.
            throw new ProxmoxApiException(
                status, "Invalid JSON from the server", $"The reply to GET {path} is not JSON ({e.Message}); is PROXMOX_HOST a Proxmox VE node?",
                new Dictionary<string, string>(), "GET", path);
        }
        catch (JsonException e)
        {
            throw Unreadable(path, e.Message);
        }

        if (!hasData)
        {
            throw NoEnvelope(status, path);
        }

        return (data ?? throw Unreadable(path, "null data"), total);
    }

    public static ProxmoxApiException Unreadable(string path, string problem) =>
        new(200, "Unexpected reply", $"Could not read the reply to GET {path}: {problem}", new Dictionary<string, string>(), "GET", path);

    private static ProxmoxApiException NoEnvelope(int status, string path) =>
        new(status, "Unexpected reply", $"The reply to GET {path} has no 'data' member; is PROXMOX_HOST a Proxmox VE node?", new Dictionary<string, string>(), "GET", path);
}
