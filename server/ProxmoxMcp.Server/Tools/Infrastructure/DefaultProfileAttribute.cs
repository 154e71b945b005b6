namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>
/// Puts a tool in the default profile: the tools a session offers when PROXMOX_MCP_TOOLS is not set. Every tool/list
/// byte is read by the model on every turn, so the default stays small; the rest is one `--tools all` away.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DefaultProfileAttribute : Attribute;
