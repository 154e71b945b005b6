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
    [DefaultProfile]
    [McpServerTool(Name = "start_vm", Title = "Start VM", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Starts a VM; a paused one is continued with resume_vm.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/status/start")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/status/current")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> StartVm(
        McpServer server,
        int vmid,
        string? node = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.PowerAsync(Vm("start_vm", vmid, node), new(GuestPowerAction.Start, wait), server, progress, cancellationToken);

    [DefaultProfile]
    [McpServerTool(Name = "stop_vm", Title = "Hard-stop VM", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Hard-stops a VM like a power cut (unsaved data is lost). Needs confirm=vmid; prefer shutdown_vm.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/status/stop")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/status/current")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> StopVm(
        McpServer server,
        int vmid,
        string? node = null,
        string? confirm = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.PowerAsync(Vm("stop_vm", vmid, node), new(GuestPowerAction.Stop, wait, Confirm: confirm), server, progress, cancellationToken);

    [DefaultProfile]
    [McpServerTool(Name = "shutdown_vm", Title = "Shut down VM", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Shuts a VM down cleanly (ACPI or agent); force_stop=true hard-stops it after the timeout like stop_vm and needs confirm=vmid.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/status/shutdown")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/status/current")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> ShutdownVm(
        McpServer server,
        int vmid,
        string? node = null,
        [Description(GuestText.ShutdownTimeout)] int? timeout = null,
        [Description(GuestText.ForceStop)] bool force_stop = false,
        string? confirm = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.PowerAsync(Vm("shutdown_vm", vmid, node), new(GuestPowerAction.Shutdown, wait, timeout, force_stop, confirm), server, progress, cancellationToken);

    [DefaultProfile]
    [McpServerTool(Name = "reboot_vm", Title = "Reboot VM", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Reboots a VM cleanly, applying pending config changes; for a hung VM use reset_vm.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/status/reboot")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/status/current")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> RebootVm(
        McpServer server,
        int vmid,
        string? node = null,
        [Description(GuestText.RebootTimeout)] int? timeout = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.PowerAsync(Vm("reboot_vm", vmid, node), new(GuestPowerAction.Reboot, wait, timeout), server, progress, cancellationToken);

    [McpServerTool(Name = "reset_vm", Title = "Reset VM", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Resets a VM at once like its reset button (unsaved data is lost). Needs confirm=vmid; prefer reboot_vm.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/status/reset")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/status/current")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> ResetVm(
        McpServer server,
        int vmid,
        string? node = null,
        string? confirm = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.PowerAsync(Vm("reset_vm", vmid, node), new(GuestPowerAction.Reset, wait, Confirm: confirm), server, progress, cancellationToken);

    [McpServerTool(Name = "suspend_vm", Title = "Suspend (pause) VM", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Pauses a running VM in memory; resume_vm continues it.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/status/suspend")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/status/current")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> SuspendVm(
        McpServer server,
        int vmid,
        string? node = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.PowerAsync(Vm("suspend_vm", vmid, node), new(GuestPowerAction.Suspend, wait), server, progress, cancellationToken);

    [McpServerTool(Name = "resume_vm", Title = "Resume VM", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Continues a VM paused by suspend_vm.")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/status/resume")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/status/current")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public Task<CallToolResult> ResumeVm(
        McpServer server,
        int vmid,
        string? node = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        guests.PowerAsync(Vm("resume_vm", vmid, node), new(GuestPowerAction.Resume, wait), server, progress, cancellationToken);
}
