using System.IO.Compression;
using System.Text.Json;

namespace ProxmoxMcp.Server.Tools.Api;

/// <summary>
/// The official Proxmox VE API schema (9.x, every endpoint), reduced to what the API tools need and embedded
/// gzip-compressed (pve-api.json.gz, regenerated from tests/contract/pve-api by tests/regenerate.sh). Loaded on first
/// use only: most sessions never touch it, and socat starts a process per connection.
/// </summary>
public static class ApiCatalog
{
    private const string ResourceName = "ProxmoxMcp.Server.pve-api.json.gz";

    private static readonly Lazy<IReadOnlyList<ApiEndpoint>> Endpoints = new(Load);

    public static IReadOnlyList<ApiEndpoint> All => Endpoints.Value;

    /// <summary>The catalog as it is embedded (uncompressed JSON), for the staleness test.</summary>
    public static string ReadEmbeddedJson()
    {
        using var stream = typeof(ApiCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in the server");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }

    private static List<ApiEndpoint> Load() =>
        JsonSerializer.Deserialize(ReadEmbeddedJson(), ApiJsonContext.Default.ListApiEndpoint)
        ?? throw new InvalidOperationException($"{ResourceName} is empty");
}
