using ModelContextProtocol;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Guests;

/// <summary>
/// The guest a tool call is about, as the caller named it: the tool's kind and name, a validated vmid and maybe a
/// node. Parsing happens before any request, so a bad id or a node name with '/' never reaches Proxmox.
/// </summary>
public sealed record GuestTarget(GuestType Type, string Tool, VmId VmId, NodeName? Node)
{
    private static readonly Dictionary<string, string> VmOnlyAlternatives = new(StringComparer.Ordinal)
    {
        ["reset_vm"] = "use reboot_container, or stop_container then start_container",
        ["suspend_vm"] = "use shutdown_container to stop it cleanly",
        ["resume_vm"] = "use start_container for a stopped container",
    };

    public static GuestTarget Parse(GuestCall call) =>
        new(call.Type, call.Tool, VmId.From(call.VmId), ToolArguments.OptionalNode(call.Node));

    /// <summary>"vm" or "container": the suffix of this kind's tool names.</summary>
    public string Suffix => Type == GuestType.Qemu ? "vm" : "container";

    /// <summary>The sibling tool for this kind, e.g. ToolName("shutdown") is shutdown_vm or shutdown_container.</summary>
    public string ToolName(string verb) => $"{verb}_{Suffix}";

    /// <summary>
    /// Finds the guest (GET /cluster/resources). A guest of the other kind is refused naming the tool to use; for
    /// the VM-only actions, which have no container tool, naming what containers offer instead.
    /// </summary>
    public async Task<GuestRef> LocateAsync(GuestLocator locator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(locator);
        if (!VmOnlyAlternatives.TryGetValue(Tool, out var instead))
        {
            return await locator.LocateAsync(VmId, Node, Type, Tool, cancellationToken);
        }

        var guest = await locator.LocateAnyAsync(VmId, Node, cancellationToken);
        return guest.Type == Type
            ? guest
            : throw new McpException($"{VmId} is a container (LXC){(guest.Name is null ? "" : $" named '{guest.Name}'")}, not a VM, and containers have no {Tool[..^3]}: {instead}.");
    }

    /// <summary>Refuses a guest that is running (or paused) for actions Proxmox only does on stopped guests.</summary>
    public void RequireStopped(GuestRef guest, string what)
    {
        ArgumentNullException.ThrowIfNull(guest);
        if (guest.Status is "running" or "paused")
        {
            throw new McpException(
                $"{guest.Describe()} is {guest.Status}: Proxmox {what} only a stopped {Type.Noun()}. Stop it first with {ToolName("shutdown")} " +
                $"(clean) or {ToolName("stop")} (hard), then call {Tool} again.");
        }
    }
}
