using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Server.Tools.Guests;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Vms;

// VM power actions. Each waits for the Proxmox task by default and reports its outcome; a failed task is a tool error with Proxmox's text.
public sealed partial class VmTools
{
    [McpServerTool(Name = "start_vm", Title = "Start VM", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Starts a stopped VM and waits until Proxmox reports the task finished; returns the outcome (or the task id with wait=false). " +
        "Templates cannot be started (clone them). A paused or suspended VM is continued with resume_vm. For a container use start_container.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/status/start")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> StartVm(
        McpServer server,
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.Node)] string? node = null,
        [Description(GuestText.Wait)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.PowerAsync(Vm("start_vm", vmid, node), new(GuestPowerAction.Start, wait), server, progress, cancellationToken);

    [McpServerTool(Name = "stop_vm", Title = "Hard-stop VM", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Hard-stops a VM at once, like pulling the power cord: the guest OS gets no chance to save anything. Needs the user's confirmation. " +
        "Returns the task outcome. Prefer shutdown_vm (clean shutdown); use this only for a hung VM. For a container use stop_container.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/status/stop")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> StopVm(
        McpServer server,
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.Node)] string? node = null,
        [Description(GuestText.Confirm)] string? confirm = null,
        [Description(GuestText.Wait)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.PowerAsync(Vm("stop_vm", vmid, node), new(GuestPowerAction.Stop, wait, Confirm: confirm), server, progress, cancellationToken);

    [McpServerTool(Name = "shutdown_vm", Title = "Shut down VM", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Asks a VM's OS to shut down cleanly (ACPI, or the guest agent) and waits for it; returns the task outcome. A guest that ignores " +
        "the request keeps running unless force_stop=true, which hard-stops it after the timeout: that is why this tool is marked destructive, and " +
        "force_stop=true needs the user's confirmation (a plain shutdown does not). For a container use shutdown_container.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/status/shutdown")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> ShutdownVm(
        McpServer server,
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.Node)] string? node = null,
        [Description(GuestText.ShutdownTimeout)] int? timeout = null,
        [Description(GuestText.ForceStop)] bool force_stop = false,
        [Description(GuestText.Confirm)] string? confirm = null,
        [Description(GuestText.Wait)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.PowerAsync(Vm("shutdown_vm", vmid, node), new(GuestPowerAction.Shutdown, wait, timeout, force_stop, confirm), server, progress, cancellationToken);

    [McpServerTool(Name = "reboot_vm", Title = "Reboot VM", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Reboots a running VM cleanly (shutdown, then start; pending configuration changes apply) and waits; returns the task outcome. " +
        "Fails if the guest does not shut down within the timeout. For a hung VM use reset_vm; for a container reboot_container.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/status/reboot")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> RebootVm(
        McpServer server,
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.Node)] string? node = null,
        [Description(GuestText.RebootTimeout)] int? timeout = null,
        [Description(GuestText.Wait)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.PowerAsync(Vm("reboot_vm", vmid, node), new(GuestPowerAction.Reboot, wait, timeout), server, progress, cancellationToken);

    [McpServerTool(Name = "reset_vm", Title = "Reset VM", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Resets a running VM at once, like pressing its reset button: the OS restarts without saving anything. Needs the user's confirmation. " +
        "Returns the task outcome. Prefer reboot_vm; use this only when the guest hangs. Containers have no reset (use reboot_container).")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/status/reset")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> ResetVm(
        McpServer server,
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.Node)] string? node = null,
        [Description(GuestText.Confirm)] string? confirm = null,
        [Description(GuestText.Wait)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.PowerAsync(Vm("reset_vm", vmid, node), new(GuestPowerAction.Reset, wait, Confirm: confirm), server, progress, cancellationToken);

    [McpServerTool(Name = "suspend_vm", Title = "Suspend (pause) VM", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Pauses a running VM in memory: its CPUs stop, nothing is lost, and resume_vm continues it where it was. Returns the task outcome. " +
        "The VM keeps its memory allocated while paused; to free the node, use shutdown_vm instead.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/status/suspend")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> SuspendVm(
        McpServer server,
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.Node)] string? node = null,
        [Description(GuestText.Wait)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.PowerAsync(Vm("suspend_vm", vmid, node), new(GuestPowerAction.Suspend, wait), server, progress, cancellationToken);

    [McpServerTool(Name = "resume_vm", Title = "Resume VM", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Continues a VM paused by suspend_vm; returns the task outcome. A stopped VM is started with start_vm instead.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/status/resume")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> ResumeVm(
        McpServer server,
        [Description(GuestText.Vmid)] int vmid,
        [Description(GuestText.Node)] string? node = null,
        [Description(GuestText.Wait)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.PowerAsync(Vm("resume_vm", vmid, node), new(GuestPowerAction.Resume, wait), server, progress, cancellationToken);
}
