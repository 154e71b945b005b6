using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ProxmoxMcp.Proxmox.Http;

/// <summary>
/// PVE's reply envelope <c>{"data": ..., "total": n}</c> read straight from the response stream: the data is
/// deserialized as it arrives, without first copying the whole body into a byte array and a JsonDocument. A
/// /cluster/resources reply of a 5,000-guest cluster is about 1.6 MB; buffering it cost two large-object-heap
/// arrays and pooled buffers per thread that kept the server's resident set growing with every listing.
/// </summary>
internal sealed class PveEnvelope<T>
{
    private static readonly ConcurrentDictionary<JsonTypeInfo<T>, JsonTypeInfo<PveEnvelope<T>>> Infos = new();

    public T? Data { get; private set; }

    /// <summary>True when the reply had a <c>data</c> member at all (even <c>null</c>).</summary>
    public bool HasData { get; private set; }

    public int? Total { get; private set; }

    /// <summary>Metadata for the envelope around <paramref name="data"/>, built with the same AOT-safe API the source generator uses.</summary>
    public static JsonTypeInfo<PveEnvelope<T>> TypeInfo(JsonTypeInfo<T> data) => Infos.GetOrAdd(data, Create);

    private static JsonTypeInfo<PveEnvelope<T>> Create(JsonTypeInfo<T> data)
    {
        var options = data.Options;
        var totalInfo = JsonMetadataServices.CreateValueInfo<int?>(options, new LenientTotalConverter());
        return JsonMetadataServices.CreateObjectInfo(options, new JsonObjectInfoValues<PveEnvelope<T>>
        {
            ObjectCreator = static () => new PveEnvelope<T>(),
            PropertyMetadataInitializer = _ =>
            [
                JsonMetadataServices.CreatePropertyInfo(options, new JsonPropertyInfoValues<T>
                {
                    IsProperty = true,
                    IsPublic = true,
                    DeclaringType = typeof(PveEnvelope<T>),
                    PropertyTypeInfo = data,
                    PropertyName = nameof(Data),
                    JsonPropertyName = "data",
                    Getter = static envelope => ((PveEnvelope<T>)envelope).Data!,
                    Setter = static (envelope, value) =>
                    {
                        var e = (PveEnvelope<T>)envelope;
                        e.Data = value;
                        e.HasData = true;
                    },
                }),
                JsonMetadataServices.CreatePropertyInfo(options, new JsonPropertyInfoValues<int?>
                {
                    IsProperty = true,
                    IsPublic = true,
                    DeclaringType = typeof(PveEnvelope<T>),
                    PropertyTypeInfo = totalInfo,
                    PropertyName = nameof(Total),
                    JsonPropertyName = "total",
                    Getter = static envelope => ((PveEnvelope<T>)envelope).Total,
                    Setter = static (envelope, value) => ((PveEnvelope<T>)envelope).Total = value,
                }),
            ],
        });
    }

    /// <summary><c>total</c> as PVE's paging count when it is an integer; anything else is ignored, as before.</summary>
    private sealed class LenientTotalConverter : JsonConverter<int?>
    {
        public override bool HandleNull => true;

        public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var total))
            {
                return total;
            }

            reader.Skip();
            return null;
        }

        public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options) =>
            throw new NotSupportedException("PVE envelopes are only read.");
    }
}
