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
    [DefaultProfile]
    [McpServerTool(Name = "start_container", Title = "Start container", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Starts a container; for a VM use start_vm.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/lxc/{vmid}/status/start")]
    [PveEndpoint("GET /nodes/{node}/lxc/{vmid}/status/current")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> StartContainer(
        McpServer server,
        int vmid,
        string? node = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.PowerAsync(Ct("start_container", vmid, node), new(GuestPowerAction.Start, wait), server, progress, cancellationToken);

    [DefaultProfile]
    [McpServerTool(Name = "stop_container", Title = "Hard-stop container", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Hard-stops a container, killing its processes. Needs confirm=vmid; prefer shutdown_container.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/lxc/{vmid}/status/stop")]
    [PveEndpoint("GET /nodes/{node}/lxc/{vmid}/status/current")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> StopContainer(
        McpServer server,
        int vmid,
        string? node = null,
        string? confirm = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.PowerAsync(Ct("stop_container", vmid, node), new(GuestPowerAction.Stop, wait, Confirm: confirm), server, progress, cancellationToken);

    [McpServerTool(Name = "shutdown_container", Title = "Shut down container", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Shuts a container down cleanly; force_stop=true kills it after the timeout like stop_container and needs confirm=vmid.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/lxc/{vmid}/status/shutdown")]
    [PveEndpoint("GET /nodes/{node}/lxc/{vmid}/status/current")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> ShutdownContainer(
        McpServer server,
        int vmid,
        string? node = null,
        [Description(GuestText.ShutdownTimeout)] int? timeout = null,
        [Description(GuestText.ForceStop)] bool force_stop = false,
        string? confirm = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.PowerAsync(Ct("shutdown_container", vmid, node), new(GuestPowerAction.Shutdown, wait, timeout, force_stop, confirm), server, progress, cancellationToken);

    [McpServerTool(Name = "reboot_container", Title = "Reboot container", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Reboots a container cleanly, applying pending config changes; for a VM use reboot_vm.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/lxc/{vmid}/status/reboot")]
    [PveEndpoint("GET /nodes/{node}/lxc/{vmid}/status/current")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> RebootContainer(
        McpServer server,
        int vmid,
        string? node = null,
        [Description(GuestText.RebootTimeout)] int? timeout = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.PowerAsync(Ct("reboot_container", vmid, node), new(GuestPowerAction.Reboot, wait, timeout), server, progress, cancellationToken);
}
