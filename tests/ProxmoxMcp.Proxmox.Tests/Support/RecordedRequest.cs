namespace ProxmoxMcp.Proxmox.Tests.Support;

/// <summary>One request as it reached the transport (below authentication and resilience): what PVE would see.</summary>
public sealed record RecordedRequest(
    string Method,
    Uri Uri,
    string? Body,
    string? ContentType,
    IReadOnlyDictionary<string, string[]> Headers)
{
    public const string ApiPrefix = "/api2/json";

    /// <summary>The request target on the wire: escaped path and query.</summary>
    public string PathAndQuery => Uri.PathAndQuery;

    /// <summary>The escaped path without the query.</summary>
    public string Path => Uri.AbsolutePath;

    /// <summary>The raw query without '?', or "" when there is none.</summary>
    public string Query => Uri.Query.TrimStart('?');

    public string[] HeaderValues(string name) => Headers.TryGetValue(name, out var values) ? values : [];

    public string? Header(string name) => Headers.TryGetValue(name, out var values) ? string.Join(", ", values) : null;

    /// <summary>Decodes an application/x-www-form-urlencoded string as PVE does ('+' is a space, %XX an octet).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> DecodeForm(string? text)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(text))
        {
            return pairs;
        }

        foreach (var part in text.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            pairs.Add(new(Unescape(name), Unescape(value)));
        }

        return pairs;
    }

    public IReadOnlyList<KeyValuePair<string, string>> QueryParameters => DecodeForm(Query);

    public IReadOnlyList<KeyValuePair<string, string>> FormParameters => DecodeForm(Body);

    public override string ToString() => $"{Method} {PathAndQuery}" + (Body is null ? "" : $" [{ContentType}] {Body}");

    private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
