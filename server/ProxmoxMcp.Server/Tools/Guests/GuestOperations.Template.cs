using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Guests;

// Turning a guest into a template: irreversible, so confirmed; a guest that already is one needs nothing.
public sealed partial class GuestOperations
{
    public async Task<CallToolResult> ConvertToTemplateAsync(
        GuestCall call, string? confirm, McpServer server, IProgress<ProgressNotificationValue>? progress, CancellationToken cancellationToken)
    {
        var target = GuestTarget.Parse(call);
        var guest = await target.LocateAsync(locator, cancellationToken);
        var action = $"Convert {guest.Describe()} to a template";
        if (guest.Template)
        {
            return await tasks.ReportAsync(action, null, true, progress, cancellationToken, Notes("It already is a template: nothing to do.", guest.Note));
        }

        target.RequireStopped(guest, "converts");
        await GuardAsync(HttpMethod.Post, guest, "/template", cancellationToken);
        await confirmation.RequireAsync(
            server,
            target.Tool,
            $"This turns {guest.Describe()} into a template, irreversibly: it can never be started again, only cloned (its disks become read-only base images)",
            guest.VmId.ToString(),
            confirm,
            cancellationToken);

        // POST /nodes/{node}/{type}/{vmid}/template: a task for VMs; for containers PVE starts a vztemplate worker but returns no UPID.
        var upid = await proxmox.ConvertToTemplateAsync(guest.Node, guest.Type, guest.VmId, cancellationToken)
            ?? await FindNewestTaskAsync(guest, "vztemplate", cancellationToken);
        return await tasks.ReportAsync(
            action, upid, true, progress, cancellationToken,
            Notes(guest.Note, upid is null ? $"Proxmox converts it in the background; {target.ToolName("get")} shows it as a template once done." : null, $"Make guests from it with {target.ToolName("clone")} (linked clones are quick and share its disks; full clones are independent)."));
    }

    /// <summary>GET /nodes/{node}/tasks: the newest task of this type for the guest, for endpoints that start a worker without returning its UPID.</summary>
    private async Task<Upid?> FindNewestTaskAsync(GuestRef guest, string type, CancellationToken cancellationToken)
    {
        var (recent, _) = await proxmox.GetNodeTasksAsync(
            guest.Node, new TaskQuery { VmId = guest.VmId, TypeFilter = type, Source = "all", Limit = 5 }, cancellationToken);
        var newest = recent.OrderByDescending(t => t.StartTime ?? 0).FirstOrDefault();
        return newest is not null && Upid.TryParse(newest.Upid, out var upid) ? upid : null;
    }
}
