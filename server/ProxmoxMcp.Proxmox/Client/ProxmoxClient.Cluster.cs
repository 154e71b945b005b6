using System.Globalization;
using System.Text.Json;
using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Models;

namespace ProxmoxMcp.Proxmox;

public sealed partial class ProxmoxClient
{
    // GET /version
    public Task<PveVersion> GetVersionAsync(CancellationToken cancellationToken = default) =>
        http.GetAsync(PvePath.Of($"/version"), null, Json.PveVersion, cancellationToken);

    // GET /cluster/status
    public async Task<IReadOnlyList<ClusterStatusEntry>> GetClusterStatusAsync(CancellationToken cancellationToken = default) =>
        await http.GetAsync(PvePath.Of($"/cluster/status"), null, Json.ListClusterStatusEntry, cancellationToken);

    // GET /cluster/resources
    public async Task<IReadOnlyList<ClusterResource>> GetClusterResourcesAsync(ClusterResourceType? type = null, CancellationToken cancellationToken = default) =>
        await http.GetAsync(
            PvePath.Of($"/cluster/resources"),
            new PveParameters().Add("type", type is { } t ? Lower(t) : null),
            Json.ListClusterResource,
            cancellationToken);

    // GET /cluster/nextid
    public async Task<VmId> GetNextVmIdAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.SendAsync(HttpMethod.Get, PvePath.Of($"/cluster/nextid"), null, cancellationToken);
        var text = response.Data.ValueKind == JsonValueKind.Number ? response.Data.GetRawText() : response.Data.GetString();
        return VmId.Parse(text?.Trim(), "nextid");
    }

    // GET /cluster/tasks
    public async Task<IReadOnlyList<TaskSummary>> GetClusterTasksAsync(CancellationToken cancellationToken = default) =>
        await http.GetAsync(PvePath.Of($"/cluster/tasks"), null, Json.ListTaskSummary, cancellationToken);

    // GET /access/permissions
    public async Task<IReadOnlyDictionary<string, Dictionary<string, long>>> GetPermissionsAsync(string? path = null, CancellationToken cancellationToken = default) =>
        await http.GetAsync(
            PvePath.Of($"/access/permissions"),
            new PveParameters().Add("path", path),
            Json.DictionaryStringDictionaryStringInt64,
            cancellationToken);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
