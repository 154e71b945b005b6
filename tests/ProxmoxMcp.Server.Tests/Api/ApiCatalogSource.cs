using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProxmoxMcp.Server.Tools.Api;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Server.Tests.Api;

/// <summary>Builds the API tools' embedded catalog (pve-api.json.gz) from the official schema in tests/contract/pve-api.</summary>
internal static class ApiCatalogSource
{
    public static string SchemaPath => RepoPaths.Combine("tests", "contract", "pve-api", "pve-api-schema.json");

    public static string CatalogPath => RepoPaths.Combine("server", "ProxmoxMcp.Server", "Tools", "Api", "pve-api.json.gz");

    public static string Generate()
    {
        var schema = JsonNode.Parse(File.ReadAllText(SchemaPath))!;
        var endpoints = schema["endpoints"]!.AsArray()
            .Select(e => new ApiEndpoint(
                e!["method"]!.GetValue<string>(),
                e["path"]!.GetValue<string>(),
                (e["description"]?.GetValue<string>() ?? "").Trim(),
                Returns(e["returns"]),
                [.. e["parameters"]!.AsArray().Select(p => Parameter(p!))]))
            .ToList();
        return JsonSerializer.Serialize(endpoints, ApiJsonContext.Default.ListApiEndpoint);
    }

    public static void Write(string json)
    {
        using var file = File.Create(CatalogPath);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        gzip.Write(Encoding.UTF8.GetBytes(json));
    }

    private static ApiParameter Parameter(JsonNode p) => new(
        p["name"]!.GetValue<string>(),
        p["type"]!.GetValue<string>(),
        Required: p["optional"]?.GetValue<bool>() == false,
        InPath: p["in_path"]?.GetValue<bool>() == true,
        Format: p["format"] is JsonValue f && f.TryGetValue<string>(out var format) ? format : null,
        Enum: p["enum"] is JsonArray values ? [.. values.Select(v => v!.ToString())] : null,
        Pattern: p["pattern"]?.GetValue<string>(),
        Min: Number(p["minimum"]),
        Max: Number(p["maximum"]),
        MaxLength: p["maxLength"] is { } max ? (int)Number(max)! : null,
        Default: p["default"] is { } d ? Text(d) : null,
        NMax: p["n_max"] is { } n ? (int)Number(n)! : null,
        Text: p["typetext"]?.GetValue<string>(),
        Description: p["description"]?.GetValue<string>().Trim());

    private static double? Number(JsonNode? node) =>
        node is null ? null : double.Parse(node.ToJsonString().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Text(JsonNode node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node.ToJsonString();

    /// <summary>The return shape in a few words: the type, and the first-level fields of objects.</summary>
    private static string? Returns(JsonNode? returns)
    {
        if (returns is null)
        {
            return null;
        }

        var type = returns["type"]?.ToString() ?? "any";
        var fields = type == "array" ? returns["items"]?["properties"] : returns["properties"];
        var names = fields is JsonObject obj ? obj.Select(p => p.Key).ToList() : [];
        var shape = names.Count == 0 ? "" : " {" + string.Join(", ", names.Take(30)) + (names.Count > 30 ? ", ..." : "") + "}";
        return type == "array" ? $"array of {(returns["items"]?["type"]?.ToString() ?? "any")}{shape}" : type + shape;
    }
}
