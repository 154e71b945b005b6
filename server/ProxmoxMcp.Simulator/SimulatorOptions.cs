namespace ProxmoxMcp.Simulator;

/// <summary>How big the generated estate is.</summary>
public sealed record EstateSize
{
    private EstateSize(string kind, int nodes, int guests)
    {
        Kind = kind;
        Nodes = nodes;
        Guests = guests;
    }

    /// <summary>"demo", "lab" or "large".</summary>
    public string Kind { get; }

    /// <summary>Number of nodes (3 for the demo estate).</summary>
    public int Nodes { get; }

    /// <summary>Number of generated guests beyond the fixed demo ones (0 for the demo estate).</summary>
    public int Guests { get; }

    /// <summary>The hand-made demo estate: cluster "demo", nodes pve1..pve3, 13 guests plus 2 templates.</summary>
    public static EstateSize Demo { get; } = new("demo", 3, 0);

    /// <summary>
    /// A second hand-made estate for several-cluster tests: nodes lab1 and lab2, storages local and local-zfs, and guests
    /// whose vmids (100, 101, 200...) repeat the demo's on purpose with other names and states.
    /// </summary>
    public static EstateSize Lab { get; } = new("lab", 2, 0);

    /// <summary>A large deterministic estate for scale tests and benchmarks (guests are spread over the nodes).</summary>
    public static EstateSize Large(int nodes, int guests)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nodes, 500);
        ArgumentOutOfRangeException.ThrowIfNegative(guests);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(guests, 900_000);
        return new EstateSize("large", nodes, guests);
    }

    public bool IsDemo => Kind == "demo";

    public bool IsLab => Kind == "lab";

    public override string ToString() => IsDemo ? "Demo" : IsLab ? "Lab" : $"Large(nodes: {Nodes}, guests: {Guests})";
}

/// <summary>Settings of a <see cref="SimulatedCluster"/>.</summary>
public sealed record SimulatorOptions
{
    /// <summary>Seed of every generated value (metrics, MAC addresses, UUIDs, ticket keys). Same seed, same estate.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Which estate to generate.</summary>
    public EstateSize Estate { get; init; } = EstateSize.Demo;

    /// <summary>How long a worker task stays "running" (measured on <see cref="Time"/>). Tests use 50-200 ms with a fake clock.</summary>
    public TimeSpan TaskDuration { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>The clock of tasks, tickets, uptimes and rrd data.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>When false every request is treated as coming from root@pam (no 401/403). Default true.</summary>
    public bool RequireAuthentication { get; init; } = true;

    /// <summary>PVE delays every 401 answer by about 3 s. Off (zero) by default; set e.g. 3 s to mimic it.</summary>
    public TimeSpan UnauthorizedDelay { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// True (default): the auditor token has the PVEAuditor role on "/" (reads everything, writes nothing).
    /// False: the auditor token has no ACL at all, like a fresh privilege-separated token: lists come back empty
    /// and permission-checked reads give 403.
    /// </summary>
    public bool AuditorHasAcl { get; init; } = true;

    /// <summary>Lifetime of tickets from POST /access/ticket (PVE: 2 hours).</summary>
    public TimeSpan TicketLifetime { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Version reported by GET /version and node status (e.g. "8.4.1" to test a client against PVE 8's behaviour).</summary>
    public string PveVersion { get; init; } = "9.0.10";

    /// <summary>Name of the cluster.</summary>
    public string ClusterName { get; init; } = "demo";

    /// <summary>How many requests <see cref="SimulatedCluster.Requests"/> keeps (oldest dropped first). Per-method counts are never dropped.</summary>
    public int RequestLogCapacity { get; init; } = 10_000;

    /// <summary>Response bodies larger than this are not kept in the request log (benchmarks on a large estate).</summary>
    public int RequestLogMaxBodyBytes { get; init; } = 64 * 1024;

    /// <summary>SHA-256 fingerprint reported as ssl_fingerprint of the nodes (GET /nodes); the HTTPS host sets its real one.</summary>
    public string? SslFingerprint { get; init; }
}
