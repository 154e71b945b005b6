using System.Text;

namespace ProxmoxMcp.Simulator;

/// <summary>One API request as the simulator sees it.</summary>
public sealed record SimulatedRequest
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <param name="method">GET, POST, PUT or DELETE.</param>
    /// <param name="path">
    /// The path after <c>/api2/json</c> (e.g. <c>/nodes/pve1/qemu</c>), as on the wire (percent-encoding allowed).
    /// A path that still starts with <c>/api2/json</c> is accepted too.
    /// </param>
    public SimulatedRequest(string method, string path)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        Method = method.ToUpperInvariant();
        Path = path;
    }

    public string Method { get; }

    public string Path { get; }

    /// <summary>The raw query string without the leading '?' (urlencoded), or empty.</summary>
    public string Query { get; init; } = "";

    /// <summary>The raw request body (urlencoded form or JSON text), or null when there is none.</summary>
    public string? Body { get; init; }

    /// <summary>Request headers (case-insensitive names): Authorization, Cookie, CSRFPreventionToken, Content-Type...</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = NoHeaders;

    /// <summary>Value of a header, or null.</summary>
    public string? Header(string name)
    {
        if (Headers.TryGetValue(name, out var v))
        {
            return v;
        }

        foreach (var kv in Headers)
        {
            if (string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return kv.Value;
            }
        }

        return null;
    }

    /// <summary>Convenience: a request with a urlencoded query built from pairs.</summary>
    public static SimulatedRequest Create(
        string method,
        string path,
        IEnumerable<KeyValuePair<string, string>>? query = null,
        IEnumerable<KeyValuePair<string, string>>? form = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var hasForm = form is not null && form.Any();
        var h = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (headers is not null)
        {
            foreach (var kv in headers)
            {
                h[kv.Key] = kv.Value;
            }
        }

        if (hasForm && !h.ContainsKey("Content-Type"))
        {
            h["Content-Type"] = "application/x-www-form-urlencoded";
        }

        return new SimulatedRequest(method, path)
        {
            Query = query is null ? "" : EncodeForm(query),
            Body = hasForm ? EncodeForm(form!) : null,
            Headers = h,
        };
    }

    /// <summary>application/x-www-form-urlencoded encoding (RFC 3986 unreserved characters kept, '+' sent as %2B).</summary>
    public static string EncodeForm(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var sb = new StringBuilder();
        foreach (var kv in pairs)
        {
            if (sb.Length > 0)
            {
                sb.Append('&');
            }

            sb.Append(Uri.EscapeDataString(kv.Key)).Append('=').Append(Uri.EscapeDataString(kv.Value));
        }

        return sb.ToString();
    }

    public override string ToString() => Query.Length > 0 ? $"{Method} {Path}?{Query}" : $"{Method} {Path}";
}
