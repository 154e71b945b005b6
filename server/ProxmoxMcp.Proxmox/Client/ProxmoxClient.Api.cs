using System.Text.Json;
using ProxmoxMcp.Proxmox.Http;

namespace ProxmoxMcp.Proxmox;

// The generic API: any endpoint of the official schema, for the schema-driven tools. The caller validates the path
// against the schema and builds it from ApiPathSegment values only.
public sealed partial class ProxmoxClient
{
    // {GET|POST|PUT|DELETE} /{any schema path}
    public async Task<JsonElement> CallApiAsync(HttpMethod method, PvePath path, PveParameters parameters, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(method, path, parameters, cancellationToken);
        return response.Data.Clone();
    }
}
