using Microsoft.Extensions.Logging;
using ProxmoxMcp.Proxmox.Configuration;

namespace ProxmoxMcp.Server.Configuration;

/// <summary>Everything the server is configured with, after command line, environment and env file are merged.</summary>
public sealed record ServerSettings
{
    public required ProxmoxOptions Proxmox { get; init; }

    /// <summary>Serve the built-in simulated cluster instead of a real Proxmox.</summary>
    public bool Simulate { get; init; }

    /// <summary>List and allow only tools that change nothing.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Let call_api_write change /access (users, tokens, permissions): off unless the operator turns it on.</summary>
    public bool AllowAccessWrites { get; init; }

    /// <summary>Tool, toolset and profile names to offer; empty means the default profile.</summary>
    public IReadOnlyList<string> Tools { get; init; } = [];

    /// <summary>Tool names and group names to leave out.</summary>
    public IReadOnlyList<string> ExcludeTools { get; init; } = [];

    /// <summary>How long a tool waits for the Proxmox task it started before returning the task id.</summary>
    public TimeSpan TaskTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public ConfirmationMode Confirmation { get; init; } = ConfirmationMode.Client;

    /// <summary>How long the user is given to answer a confirmation question in the client (some clients never answer).</summary>
    public TimeSpan ConfirmTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether run_guest_command exists: off (default, not even listed) or allow-list (only the programs in <see cref="GuestExecAllow"/>).</summary>
    public GuestExecMode GuestExec { get; init; } = GuestExecMode.Off;

    /// <summary>Programs run_guest_command may run, each matched exactly against the command's first item (e.g. uptime, /usr/bin/df).</summary>
    public IReadOnlyList<string> GuestExecAllow { get; init; } = [];

    /// <summary>Where a large list page's rows go: by client (auto), both renderings, text only or structured content only.</summary>
    public ListRowsMode ListRows { get; init; } = ListRowsMode.Auto;

    public LogLevel LogLevel { get; init; } = LogLevel.Warning;

    /// <summary>The audit log every write attempt is appended to; null: no audit log.</summary>
    public string? AuditLog { get; init; }

    /// <summary>What <c>serve --http</c> uses: TLS files, token file, limits.</summary>
    public HttpSettings Http { get; init; } = new();

    /// <summary>
    /// The clusters served, the default (the one a tool acts on when <c>cluster</c> is omitted) first. Unless set (a
    /// clusters file), the one cluster <see cref="ClusterSettings.DefaultName"/> made of the single-cluster settings.
    /// </summary>
    public IReadOnlyList<ClusterSettings> Clusters
    {
        get => clusters ?? [new ClusterSettings
        {
            Name = ClusterSettings.DefaultName,
            Proxmox = Proxmox,
            Simulation = Simulate ? new Simulator.SimulatorOptions() : null,
        }];
        init => clusters = value is { Count: > 0 } ? value : null;
    }

    private readonly IReadOnlyList<ClusterSettings>? clusters;

    /// <summary>Where settings came from, for `check` and the start-up log (never values of secrets).</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Problems in the merged settings that are not about Proxmox credentials (those are checked when connecting).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
}
