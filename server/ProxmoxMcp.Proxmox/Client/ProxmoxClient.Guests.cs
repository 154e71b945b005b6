using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Models;

namespace ProxmoxMcp.Proxmox;

// Endpoints that QEMU VMs and LXC containers share, addressed as /nodes/{node}/{qemu|lxc}/...
public sealed partial class ProxmoxClient
{
    // GET /nodes/{node}/qemu  and  GET /nodes/{node}/lxc
    public async Task<IReadOnlyList<GuestSummary>> GetGuestsAsync(NodeName node, GuestType type, CancellationToken cancellationToken = default) =>
        await http.GetAsync(PvePath.Of($"/nodes/{node}/{type}"), null, Json.ListGuestSummary, cancellationToken);

    // GET /nodes/{node}/{qemu|lxc}/{vmid}/status/current
    public Task<GuestStatus> GetGuestStatusAsync(NodeName node, GuestType type, VmId vmid, CancellationToken cancellationToken = default) =>
        http.GetAsync(PvePath.Of($"/nodes/{node}/{type}/{vmid}/status/current"), null, Json.GuestStatus, cancellationToken);

    // POST /nodes/{node}/{qemu|lxc}/{vmid}/status/{start|stop|shutdown|reboot|reset|suspend|resume}
    public Task<Upid> ChangeGuestPowerAsync(
        NodeName node, GuestType type, VmId vmid, GuestPowerAction action, PowerOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (type == GuestType.Lxc && action == GuestPowerAction.Reset)
        {
            throw new ProxmoxArgumentException("action", "Containers have no reset; use reboot_container, or stop_container then start_container.");
        }

        var parameters = new PveParameters();
        if (options is not null)
        {
            var takesTimeout = action is GuestPowerAction.Shutdown or GuestPowerAction.Reboot || (action == GuestPowerAction.Stop && type == GuestType.Qemu);
            parameters.Add("timeout", takesTimeout ? options.TimeoutSeconds : null);
            parameters.Add("forceStop", action == GuestPowerAction.Shutdown ? options.ForceStop : null);
        }

        return http.StartTaskAsync(HttpMethod.Post, PvePath.Of($"/nodes/{node}/{type}/{vmid}/status/{action}"), parameters, cancellationToken);
    }

    // GET /nodes/{node}/{qemu|lxc}/{vmid}/config
    public Task<GuestConfig> GetGuestConfigAsync(NodeName node, GuestType type, VmId vmid, CancellationToken cancellationToken = default) =>
        http.GetAsync(PvePath.Of($"/nodes/{node}/{type}/{vmid}/config"), null, Json.GuestConfig, cancellationToken);

    // POST /nodes/{node}/qemu/{vmid}/config  (asynchronous: a UPID when hotplug or storage work is needed, else null)
    public Task<Upid?> UpdateVmConfigAsync(NodeName node, VmId vmid, GuestConfigChange change, CancellationToken cancellationToken = default) =>
        http.SendMaybeTaskAsync(HttpMethod.Post, PvePath.Of($"/nodes/{node}/qemu/{vmid}/config"), ConfigParameters(change), cancellationToken);

    // PUT /nodes/{node}/lxc/{vmid}/config  (containers have only the synchronous form)
    public Task<Upid?> UpdateContainerConfigAsync(NodeName node, VmId vmid, GuestConfigChange change, CancellationToken cancellationToken = default) =>
        http.SendMaybeTaskAsync(HttpMethod.Put, PvePath.Of($"/nodes/{node}/lxc/{vmid}/config"), ConfigParameters(change), cancellationToken);

    // DELETE /nodes/{node}/{qemu|lxc}/{vmid}
    public Task<Upid> DeleteGuestAsync(
        NodeName node, GuestType type, VmId vmid, bool purge = true, bool destroyUnreferencedDisks = true, CancellationToken cancellationToken = default) =>
        http.StartTaskAsync(
            HttpMethod.Delete,
            PvePath.Of($"/nodes/{node}/{type}/{vmid}"),
            new PveParameters().Add("purge", purge).Add("destroy-unreferenced-disks", destroyUnreferencedDisks),
            cancellationToken);

    // POST /nodes/{node}/{qemu|lxc}/{vmid}/clone  (the new name is "name" for VMs, "hostname" for containers)
    public Task<Upid> CloneGuestAsync(NodeName node, GuestType type, VmId vmid, CloneRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = new PveParameters()
            .Add("newid", request.NewId)
            .Add(type == GuestType.Qemu ? "name" : "hostname", request.Name)
            .Add("target", request.Target)
            .Add("full", request.Full)
            .Add("storage", request.Storage)
            .Add("pool", request.Pool)
            .Add("description", request.Description)
            .Add("snapname", request.Snapshot);
        return http.StartTaskAsync(HttpMethod.Post, PvePath.Of($"/nodes/{node}/{type}/{vmid}/clone"), parameters, cancellationToken);
    }

    // POST /nodes/{node}/qemu/{vmid}/migrate
    public Task<Upid> MigrateVmAsync(NodeName node, VmId vmid, NodeName target, bool? online = null, bool? withLocalDisks = null, CancellationToken cancellationToken = default) =>
        http.StartTaskAsync(
            HttpMethod.Post,
            PvePath.Of($"/nodes/{node}/qemu/{vmid}/migrate"),
            new PveParameters().Add("target", target).Add("online", online).Add("with-local-disks", withLocalDisks),
            cancellationToken);

    // POST /nodes/{node}/lxc/{vmid}/migrate
    public Task<Upid> MigrateContainerAsync(NodeName node, VmId vmid, NodeName target, bool? restart = null, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        http.StartTaskAsync(
            HttpMethod.Post,
            PvePath.Of($"/nodes/{node}/lxc/{vmid}/migrate"),
            new PveParameters().Add("target", target).Add("restart", restart).Add("timeout", restart == true ? timeoutSeconds : null),
            cancellationToken);

    // PUT /nodes/{node}/{qemu|lxc}/{vmid}/resize  (size: "+10G" grows by, "50G" grows to)
    public Task<Upid?> ResizeGuestDiskAsync(NodeName node, GuestType type, VmId vmid, string disk, string size, CancellationToken cancellationToken = default) =>
        http.SendMaybeTaskAsync(
            HttpMethod.Put,
            PvePath.Of($"/nodes/{node}/{type}/{vmid}/resize"),
            new PveParameters().Add("disk", GuestConfigKeys.Require(disk, "disk")).Add("size", DiskSize.RequireResize(size)),
            cancellationToken);

    // POST /nodes/{node}/{qemu|lxc}/{vmid}/template  (a task for VMs; containers convert synchronously)
    public Task<Upid?> ConvertToTemplateAsync(NodeName node, GuestType type, VmId vmid, CancellationToken cancellationToken = default) =>
        http.SendMaybeTaskAsync(HttpMethod.Post, PvePath.Of($"/nodes/{node}/{type}/{vmid}/template"), null, cancellationToken);

    // GET /nodes/{node}/{qemu|lxc}/{vmid}/rrddata
    public async Task<IReadOnlyList<RrdSample>> GetGuestRrdDataAsync(
        NodeName node, GuestType type, VmId vmid, RrdTimeframe timeframe, RrdConsolidation consolidation = RrdConsolidation.Average, CancellationToken cancellationToken = default) =>
        await http.GetAsync(
            PvePath.Of($"/nodes/{node}/{type}/{vmid}/rrddata"),
            new PveParameters().Add("timeframe", Lower(timeframe)).Add("cf", consolidation.ToString().ToUpperInvariant()),
            Json.ListRrdSample,
            cancellationToken);

    private static PveParameters ConfigParameters(GuestConfigChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var parameters = new PveParameters();
        foreach (var (key, value) in change.Set)
        {
            parameters.Add(GuestConfigKeys.Require(key, "key"), value);
        }

        if (change.Delete.Count > 0)
        {
            parameters.Add("delete", string.Join(',', change.Delete.Select(k => GuestConfigKeys.Require(k, "delete"))));
        }

        return parameters.Add("digest", change.Digest);
    }
}
