using System.Globalization;

namespace ProxmoxMcp.Simulator.Model;

/// <summary>A scheduled backup job (jobs.cfg vzdump section).</summary>
internal sealed class SimBackupJob
{
    public required string Id { get; init; }
    public required string Schedule { get; init; }
    public required string Storage { get; init; }
    public bool Enabled { get; init; } = true;
    public bool All { get; init; }
    public string? Vmids { get; init; }
    public string? Pool { get; init; }
    public string? Node { get; init; }
    public string? Exclude { get; init; }
    public string Mode { get; init; } = "snapshot";
    public string Compress { get; init; } = "zstd";
    public string? Comment { get; init; }
    public string? NotesTemplate { get; init; }
}

/// <summary>A storage replication job and its last run.</summary>
internal sealed class SimReplicationJob
{
    public required int Guest { get; init; }
    public required int JobNum { get; init; }
    public required string Target { get; init; }
    public required string Schedule { get; init; }
    public long LastSync { get; set; }
    public long LastTry { get; set; }
    public double Duration { get; set; }
    public int FailCount { get; set; }
    public string? Error { get; set; }

    public string Id => string.Create(CultureInfo.InvariantCulture, $"{Guest}-{JobNum}");
}

internal sealed partial class ClusterState
{
    public List<SimBackupJob> BackupJobs { get; } = [];

    public List<SimReplicationJob> ReplicationJobs { get; } = [];

    /// <summary>PVE::VZDump::get_included_guests for one job: the vmids it backs up.</summary>
    public IEnumerable<int> IncludedGuests(SimBackupJob job)
    {
        var exclude = (job.Exclude ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToHashSet();
        IEnumerable<int> ids = job.All ? Guests.Keys
            : job.Pool is { } pool ? (Pools.TryGetValue(pool, out var p) ? p.Vms : [])
            : (job.Vmids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => int.Parse(x, CultureInfo.InvariantCulture));
        return ids.Where(v => !exclude.Contains(v) && Guests.TryGetValue(v, out var g) && (job.Node is null || g.Node == job.Node));
    }
}
