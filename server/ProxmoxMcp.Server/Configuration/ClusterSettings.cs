using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Simulator;

namespace ProxmoxMcp.Server.Configuration;

/// <summary>
/// One Proxmox VE cluster the server serves: how to reach it and the policy that applies to it. The single-cluster
/// settings (PROXMOX_HOST, PROXMOX_TOKEN_ID...) are the cluster named <see cref="DefaultName"/>.
/// </summary>
public sealed record ClusterSettings
{
    public const string DefaultName = "default";

    /// <summary>What tools take as <c>cluster</c> and results name (lower-case letters, digits, '-').</summary>
    public required string Name { get; init; }

    /// <summary>Address(es), credentials, TLS and the protection lists of this cluster.</summary>
    public required ProxmoxOptions Proxmox { get; init; }

    /// <summary>Not null: serve this simulated cluster in-process instead of reaching <see cref="Proxmox"/> over HTTPS.</summary>
    public SimulatorOptions? Simulation { get; init; }

    /// <summary>Only tools that change nothing may act on this cluster.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Tool, toolset and profile names this cluster allows; empty means whatever the server offers.</summary>
    public IReadOnlyList<string> Tools { get; init; } = [];

    /// <summary>Tool and toolset names refused on this cluster.</summary>
    public IReadOnlyList<string> ExcludeTools { get; init; } = [];
}
