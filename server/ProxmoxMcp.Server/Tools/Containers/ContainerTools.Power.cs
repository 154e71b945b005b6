using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Server.Tools.Guests;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Containers;

// Container power actions. Each waits for the Proxmox task by default and reports its outcome; a failed task is a tool error with Proxmox's text.
public sealed partial class ContainerTools
{
    [McpServerTool(Name = "start_container", Title = "Start container", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Starts a stopped container and waits until Proxmox reports the task finished; returns the outcome (or the task id with wait=false). " +
        "Templates cannot be started (clone them). For a VM use start_vm.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/lxc/{vmid}/status/start")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> StartContainer(
        McpServer server,
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.Node)] string? node = null,
        [Description(GuestText.Wait)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.PowerAsync(Ct("start_container", vmid, node), new(GuestPowerAction.Start, wait), server, progress, cancellationToken);

    [McpServerTool(Name = "stop_container", Title = "Hard-stop container", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Hard-stops a container at once: its processes are killed without a clean shutdown. Needs the user's confirmation. " +
        "Returns the task outcome. Prefer shutdown_container (clean shutdown); use this only for a hung container. For a VM use stop_vm.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/lxc/{vmid}/status/stop")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> StopContainer(
        McpServer server,
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.Node)] string? node = null,
        [Description(GuestText.Confirm)] string? confirm = null,
        [Description(GuestText.Wait)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.PowerAsync(Ct("stop_container", vmid, node), new(GuestPowerAction.Stop, wait, Confirm: confirm), server, progress, cancellationToken);

    [McpServerTool(Name = "shutdown_container", Title = "Shut down container", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Asks a container's init to shut down cleanly and waits for it; returns the task outcome. A container that does not stop within " +
        "the timeout keeps running unless force_stop=true, which then kills it: that is why this tool is marked destructive, and force_stop=true " +
        "needs the user's confirmation (a plain shutdown does not). For a VM use shutdown_vm.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/lxc/{vmid}/status/shutdown")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> ShutdownContainer(
        McpServer server,
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.Node)] string? node = null,
        [Description(GuestText.ShutdownTimeout)] int? timeout = null,
        [Description(GuestText.ForceStop)] bool force_stop = false,
        [Description(GuestText.Confirm)] string? confirm = null,
        [Description(GuestText.Wait)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.PowerAsync(Ct("shutdown_container", vmid, node), new(GuestPowerAction.Shutdown, wait, timeout, force_stop, confirm), server, progress, cancellationToken);

    [McpServerTool(Name = "reboot_container", Title = "Reboot container", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Reboots a running container cleanly (shutdown, then start; pending configuration changes apply) and waits; returns the task outcome. " +
        "For a hung container use stop_container then start_container; for a VM reboot_vm.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/lxc/{vmid}/status/reboot")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> RebootContainer(
        McpServer server,
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.Node)] string? node = null,
        [Description(GuestText.RebootTimeout)] int? timeout = null,
        [Description(GuestText.Wait)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.PowerAsync(Ct("reboot_container", vmid, node), new(GuestPowerAction.Reboot, wait, timeout), server, progress, cancellationToken);
}
