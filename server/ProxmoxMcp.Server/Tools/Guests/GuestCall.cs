using ProxmoxMcp.Proxmox;

namespace ProxmoxMcp.Server.Tools.Guests;

/// <summary>A tool call about one guest, as received: parsed (<see cref="GuestTarget.Parse(GuestCall)"/>) inside the operation, before any request.</summary>
public readonly record struct GuestCall(GuestType Type, string Tool, int VmId, string? Node);
