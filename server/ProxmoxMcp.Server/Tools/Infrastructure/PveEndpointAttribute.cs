namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>A Proxmox VE API endpoint a tool calls, for docs/API_REFERENCE.md (e.g. "POST /nodes/{node}/qemu/{vmid}/status/start").</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class PveEndpointAttribute(string route) : Attribute
{
    public string Route { get; } = route;
}
