using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

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
        await confirmation.RequireAsync(
            server,
            target.Tool,
            $"This turns {guest.Describe()} into a template, irreversibly: it can never be started again, only cloned (its disks become read-only base images)",
            guest.VmId.ToString(),
            confirm,
            cancellationToken);

        // POST /nodes/{node}/{type}/{vmid}/template: a task for VMs; containers convert at once.
        var upid = await proxmox.ConvertToTemplateAsync(guest.Node, guest.Type, guest.VmId, cancellationToken);
        return await tasks.ReportAsync(
            action, upid, true, progress, cancellationToken,
            Notes(guest.Note, $"Make guests from it with {target.ToolName("clone")} (linked clones are quick and share its disks; full clones are independent)."));
    }
}
