using System.ComponentModel;
using System.Diagnostics;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Tools.Guests;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Agent;

/// <summary>Inside the guests: the QEMU guest agent (VMs) and the host's view of a container's interfaces.</summary>
public sealed class AgentTools(ProxmoxClient proxmox, GuestLocator locator, Confirmation confirmation, ServerSettings settings, TimeProvider time)
{
    /// <summary>Characters kept of each of stdout and stderr.</summary>
    public const int MaxOutputChars = 4096;
    public const int DefaultFileBytes = 16 * 1024;
    public const int MaxFileBytes = 64 * 1024;
    private const int MaxCommandItems = 64;
    private const int MaxCommandItemLength = 4096;

    [McpServerTool(Name = "get_guest_network", Title = "Guest IP addresses", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(GuestNetworkOutput))]
    [Description("Returns the interfaces and IP addresses of a running guest: VMs through the QEMU guest agent, containers from the host.")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/agent/network-get-interfaces")]
    [PveEndpoint("GET /nodes/{node}/lxc/{vmid}/interfaces")]
    [PveEndpoint("GET /cluster/resources?type=vm")]
    public async Task<CallToolResult> GetGuestNetwork(
        int vmid,
        string? node = null,
        CancellationToken cancellationToken = default)
    {
        var guest = await LocateAsync(vmid, node, cancellationToken);
        IReadOnlyList<GuestInterface> interfaces;
        List<string>? notes = guest.Note is null ? null : [guest.Note];
        if (guest.Type == GuestType.Qemu)
        {
            // GET /nodes/{node}/qemu/{vmid}/agent/network-get-interfaces
            interfaces = await proxmox.GetAgentNetworkInterfacesAsync(guest.Node, guest.VmId, cancellationToken);
        }
        else
        {
            // GET /nodes/{node}/lxc/{vmid}/interfaces
            interfaces = await proxmox.GetContainerInterfacesAsync(guest.Node, guest.VmId, cancellationToken)
                ?? throw new McpException($"{guest.Describe()} is not running: a stopped container has no interfaces. start_container starts it.");
        }

        var items = interfaces.Select(ToItem).ToList();
        var output = new GuestNetworkOutput
        {
            Guest = guest.Describe(),
            VmId = guest.VmId.Value,
            Node = guest.Node.Value,
            Type = guest.Type.ApiName(),
            PrimaryIpv4 = PrimaryIpv4(items),
            Interfaces = items,
            Notes = notes,
        };
        return ToolResults.Success(output, AgentJsonContext.Default.GuestNetworkOutput);
    }

    [McpServerTool(Name = "get_guest_os", Title = "Guest OS", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(GuestOsOutput))]
    [Description("Returns OS name, version, kernel and hostname of a running VM, from its QEMU guest agent.")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/agent/get-osinfo")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/agent/get-host-name")]
    [PveEndpoint("GET /cluster/resources?type=vm")]
    public async Task<CallToolResult> GetGuestOs(
        int vmid,
        string? node = null,
        CancellationToken cancellationToken = default)
    {
        var guest = await LocateVmAsync(vmid, node, "get_guest_os", cancellationToken);

        // GET /nodes/{node}/qemu/{vmid}/agent/get-osinfo
        var os = await proxmox.GetAgentOsInfoAsync(guest.Node, guest.VmId, cancellationToken);

        // GET /nodes/{node}/qemu/{vmid}/agent/get-host-name
        var hostname = await proxmox.GetAgentHostNameAsync(guest.Node, guest.VmId, cancellationToken);
        var output = new GuestOsOutput
        {
            Guest = guest.Describe(),
            VmId = guest.VmId.Value,
            Node = guest.Node.Value,
            Hostname = hostname,
            Os = os.PrettyName ?? os.Name,
            OsId = os.Id,
            Version = os.Version,
            Kernel = os.KernelRelease,
            Machine = os.Machine,
        };
        return ToolResults.Success(output, AgentJsonContext.Default.GuestOsOutput);
    }

    [McpServerTool(Name = "run_guest_command", Title = "Run command in VM", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(GuestExecOutput))]
    [Description("Runs an allow-listed program inside a VM through the guest agent, after confirmation; waits (bounded) and returns exit code and truncated output.")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/agent/exec")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/agent/exec-status")]
    [PveEndpoint("GET /cluster/resources?type=vm")]
    public async Task<CallToolResult> GuestExec(
        McpServer server,
        int vmid,
        [Description("Program and arguments, e.g. [\"systemctl\",\"is-active\",\"nginx\"]; no shell.")] string[] command,
        string? node = null,
        [Description("Seconds to wait, 1-300 (default 30).")] int? timeout = null,
        [Description("The vmid, to confirm (asked for when missing).")] string? confirm = null,
        CancellationToken cancellationToken = default)
    {
        if (settings.GuestExec == GuestExecMode.Off)
        {
            throw new McpException($"run_guest_command is turned off on this server ({SettingNames.GuestExec}=off).");
        }

        var id = VmId.From(vmid);
        var parts = ValidateCommand(command);
        if (timeout is < 1 or > 300)
        {
            throw new McpException("timeout must be 1 to 300 seconds.");
        }

        var guest = await LocateVmAsync(vmid, node, "run_guest_command", cancellationToken);
        var shown = string.Join(' ', parts);
        await confirmation.RequireAsync(
            server,
            "run_guest_command",
            $"This runs `{(shown.Length > 200 ? shown[..200] + "..." : shown)}` inside {guest.Describe()} with the guest agent's rights (usually root)",
            id.ToString(),
            confirm,
            cancellationToken);

        var clock = Stopwatch.StartNew();

        // POST /nodes/{node}/qemu/{vmid}/agent/exec
        var pid = await proxmox.StartAgentExecAsync(guest.Node, id, parts, cancellationToken);
        var limit = TimeSpan.FromSeconds(timeout ?? 30);
        var delay = TimeSpan.FromMilliseconds(100);
        AgentExecStatus status;
        while (true)
        {
            // GET /nodes/{node}/qemu/{vmid}/agent/exec-status
            status = await proxmox.GetAgentExecStatusAsync(guest.Node, id, pid, cancellationToken);
            if (status.Exited || clock.Elapsed >= limit)
            {
                break;
            }

            var wait = delay < limit - clock.Elapsed ? delay : limit - clock.Elapsed;
            await Task.Delay(wait, time, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(1000, delay.TotalMilliseconds * 2));
        }

        var (stdout, outCut) = Cut(status.OutData);
        var (stderr, errCut) = Cut(status.ErrData);
        var output = new GuestExecOutput
        {
            Guest = guest.Describe(),
            VmId = id.Value,
            Command = parts,
            Pid = pid,
            Exited = status.Exited,
            ExitCode = status.ExitCode,
            Signal = status.Signal,
            Stdout = stdout,
            Stderr = stderr,
            Truncated = outCut || errCut || status.OutTruncated == true || status.ErrTruncated == true ? true : null,
            ElapsedSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
        };
        return ToolResults.Success(output, AgentJsonContext.Default.GuestExecOutput);
    }

    [McpServerTool(Name = "read_guest_file", Title = "Read file in VM", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(GuestFileOutput))]
    [Description("Returns the start of a text file inside a running VM, read through the guest agent (default 16 KiB, at most 64 KiB).")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/agent/file-read")]
    [PveEndpoint("GET /version")]
    [PveEndpoint("GET /cluster/resources?type=vm")]
    public async Task<CallToolResult> GuestFileRead(
        int vmid,
        [Description("Absolute path inside the guest, e.g. /etc/os-release.")] string path,
        [Description("Bytes to read, 1-65536 (default 16384).")] int? max_bytes = null,
        string? node = null,
        CancellationToken cancellationToken = default)
    {
        VmId.From(vmid);
        if (string.IsNullOrWhiteSpace(path) || path.Length > 1024 || path.Any(char.IsControl) || !(path.StartsWith('/') || (path.Length > 2 && path[1] == ':')))
        {
            throw new McpException("path must be an absolute path inside the guest (e.g. /etc/os-release or C:\\Windows\\win.ini), at most 1024 characters.");
        }

        if (max_bytes is < 1 or > MaxFileBytes)
        {
            throw new McpException($"max_bytes must be 1 to {MaxFileBytes}.");
        }

        var guest = await LocateVmAsync(vmid, node, "read_guest_file", cancellationToken);
        var count = max_bytes ?? DefaultFileBytes;

        // GET /version: PVE 8 has no count parameter (it reads up to 16 MiB); the content is then cut here
        var version = await proxmox.GetVersionAsync(cancellationToken);
        var takesCount = !Version.TryParse(version.Version, out var v) || v.Major >= 9;

        // GET /nodes/{node}/qemu/{vmid}/agent/file-read
        var file = await proxmox.ReadAgentFileAsync(guest.Node, guest.VmId, path, takesCount ? count : null, cancellationToken);
        var content = file.Content ?? "";
        var cut = false;
        if (System.Text.Encoding.UTF8.GetByteCount(content) > count)
        {
            content = Utf8Prefix(content, count);
            cut = true;
        }

        var output = new GuestFileOutput
        {
            Guest = guest.Describe(),
            VmId = guest.VmId.Value,
            Path = path,
            Content = content,
            Truncated = cut || file.Truncated == true,
        };
        return ToolResults.Success(output, AgentJsonContext.Default.GuestFileOutput);
    }

    /// <summary>The first IPv4 address outside loopback and link-local.</summary>
    public static string? PrimaryIpv4(IEnumerable<GuestInterfaceItem> interfaces) =>
        interfaces.Where(i => i.Name != "lo")
            .SelectMany(i => i.Ipv4)
            .Select(a => a.Split('/')[0])
            .FirstOrDefault(a => !a.StartsWith("127.", StringComparison.Ordinal) && !a.StartsWith("169.254.", StringComparison.Ordinal));

    public static GuestInterfaceItem ToItem(GuestInterface i)
    {
        var v4 = new List<string>();
        var v6 = new List<string>();
        foreach (var a in i.IpAddresses ?? [])
        {
            if (a.Address is null)
            {
                continue;
            }

            var text = a.Prefix is { } p ? $"{a.Address}/{p}" : a.Address;
            (a.Type == "ipv6" ? v6 : v4).Add(text);
        }

        if (v4.Count == 0 && i.Inet is { Length: > 0 } inet)
        {
            v4.Add(inet);
        }

        if (v6.Count == 0 && i.Inet6 is { Length: > 0 } inet6)
        {
            v6.Add(inet6);
        }

        return new GuestInterfaceItem { Name = i.Name ?? "?", Mac = i.HardwareAddress ?? i.HwAddr, Ipv4 = v4, Ipv6 = v6 };
    }

    private List<string> ValidateCommand(string[]? command)
    {
        if (command is null || command.Length == 0 || string.IsNullOrWhiteSpace(command[0]))
        {
            throw new McpException("command must name a program, e.g. [\"uptime\"] or [\"systemctl\",\"is-active\",\"nginx\"].");
        }

        if (command.Length > MaxCommandItems)
        {
            throw new McpException($"command has {command.Length} items; at most {MaxCommandItems}.");
        }

        foreach (var part in command)
        {
            if (part is null || part.Length > MaxCommandItemLength || part.Contains('\0', StringComparison.Ordinal))
            {
                throw new McpException($"Each command item must be text of at most {MaxCommandItemLength} characters without NUL.");
            }
        }

        if (!settings.GuestExecAllow.Contains(command[0], StringComparer.Ordinal))
        {
            throw new McpException(
                $"'{command[0]}' is not in this server's run_guest_command allow-list ({string.Join(", ", settings.GuestExecAllow)}). " +
                $"The administrator sets {SettingNames.GuestExecAllow}; there is no way around it from here.");
        }

        return [.. command];
    }

    /// <summary>The longest prefix of <paramref name="text"/> that fits in <paramref name="bytes"/> UTF-8 bytes.</summary>
    private static string Utf8Prefix(string text, int bytes)
    {
        var length = Math.Min(text.Length, bytes);
        while (length > 0 && System.Text.Encoding.UTF8.GetByteCount(text.AsSpan(0, length)) > bytes)
        {
            length--;
        }

        if (length > 0 && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return text[..length];
    }

    private static (string? Text, bool Cut) Cut(string? text) =>
        text is null ? (null, false) : text.Length <= MaxOutputChars ? (text, false) : (text[..MaxOutputChars], true);

    private async Task<GuestRef> LocateAsync(int vmid, string? node, CancellationToken cancellationToken)
    {
        var id = VmId.From(vmid);
        var nodeName = ToolArguments.OptionalNode(node);
        return await locator.LocateAnyAsync(id, nodeName, cancellationToken);
    }

    private async Task<GuestRef> LocateVmAsync(int vmid, string? node, string tool, CancellationToken cancellationToken)
    {
        var guest = await LocateAsync(vmid, node, cancellationToken);
        if (guest.Type == GuestType.Lxc)
        {
            throw new McpException(
                $"{guest.Describe()} is a container (LXC): {tool} needs the QEMU guest agent, which only VMs have. " +
                "get_guest_network shows a container's addresses; get_container_config its OS type and hostname.");
        }

        return guest;
    }
}
