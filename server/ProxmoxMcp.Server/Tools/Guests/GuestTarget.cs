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
    public static GuestTarget Parse(GuestCall call) =>
        new(call.Type, call.Tool, VmId.From(call.VmId), OptionalNode(call.Node, "node"));

    /// <summary>"vm" or "container": the suffix of this kind's tool names.</summary>
    public string Suffix => Type == GuestType.Qemu ? "vm" : "container";

    /// <summary>The sibling tool for this kind, e.g. ToolName("shutdown") is shutdown_vm or shutdown_container.</summary>
    public string ToolName(string verb) => $"{verb}_{Suffix}";

    public Task<GuestRef> LocateAsync(GuestLocator locator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(locator);
        return locator.LocateAsync(VmId, Node, Type, Tool, cancellationToken);
    }

    /// <summary>A node argument that may be omitted (null or blank).</summary>
    public static NodeName? OptionalNode(string? node, string argument) =>
        string.IsNullOrWhiteSpace(node) ? null : NodeName.Parse(node.Trim(), argument);

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
