namespace ProxmoxMcp.Proxmox.Protection;

/// <summary>
/// The guarantee behind PROXMOX_MCP_PROTECT and PROXMOX_MCP_ALLOW: the outermost handler of the Proxmox HTTP client,
/// so every non-GET request of every tool passes here, and one that the <see cref="GuestGuard"/> refuses is never sent.
/// </summary>
public sealed class GuestGuardHandler(GuestGuard guard) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!guard.IsActive || request.Method == HttpMethod.Get)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var uri = request.RequestUri ?? throw new InvalidOperationException("A request without a URI.");
        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
        var marker = path.IndexOf("/api2/json/", StringComparison.Ordinal);
        path = marker >= 0 ? path[(marker + "/api2/json/".Length)..] : path;
        var parameters = new List<KeyValuePair<string, string>>();
        var query = uri.IsAbsoluteUri ? uri.Query : (uri.OriginalString.Split('?', 2) is [_, var q] ? q : "");
        AddForm(parameters, query.TrimStart('?'));
        if (request.Content is { } content)
        {
            AddForm(parameters, await content.ReadAsStringAsync(cancellationToken));
        }

        await guard.CheckAsync(request.Method.Method, path, parameters, cancellationToken);
        guard.Forget();
        return await base.SendAsync(request, cancellationToken);
    }

    private static void AddForm(List<KeyValuePair<string, string>> parameters, string encoded)
    {
        foreach (var pair in encoded.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var (name, value) = equals < 0 ? (pair, "") : (pair[..equals], pair[(equals + 1)..]);
            parameters.Add(new(Decode(name), Decode(value)));
        }
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
