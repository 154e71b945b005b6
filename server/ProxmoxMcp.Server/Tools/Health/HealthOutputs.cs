using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Health;

/// <summary>A count and the first few items of a possibly long list (bounded for 5,000-guest clusters).</summary>
public sealed record Sample
{
    [JsonPropertyName("count")] public required int Count { get; init; }
    [JsonPropertyName("items")] public required IReadOnlyList<string> Items { get; init; }

    public static Sample Of(IReadOnlyCollection<string> all, int max) => new() { Count = all.Count, Items = all.Take(max).ToList() };

    public string Render(string noun)
    {
        if (Count == 0)
        {
            return $"none";
        }

        var more = Count > Items.Count ? $" (+{Count - Items.Count} more)" : "";
        return $"{Count} {noun}: {string.Join(", ", Items)}{more}";
    }
}

public sealed record BackupAuditOutput : IToolOutput
{
    [JsonPropertyName("days")] public required int Days { get; init; }
    [JsonPropertyName("jobs_enabled")] public required int JobsEnabled { get; init; }
    [JsonPropertyName("jobs_total")] public required int JobsTotal { get; init; }

    /// <summary>Guests no enabled backup job includes (PVE's not-backed-up list), as "vmid name".</summary>
    [JsonPropertyName("not_in_any_job")] public required Sample NotInAnyJob { get; init; }

    /// <summary>Guests in a job whose newest backup is older than the window, or that have none, oldest first.</summary>
    [JsonPropertyName("stale")] public required Sample Stale { get; init; }

    /// <summary>vzdump tasks that failed in the window, newest first.</summary>
    [JsonPropertyName("failed_tasks")] public required Sample FailedTasks { get; init; }
    [JsonPropertyName("notes")] public IReadOnlyList<string>? Notes { get; init; }

    public string ToText()
    {
        var sb = new StringBuilder();
        var problems = (NotInAnyJob.Count > 0 ? 1 : 0) + (Stale.Count > 0 ? 1 : 0) + (FailedTasks.Count > 0 ? 1 : 0);
        sb.Append(CultureInfo.InvariantCulture, $"Backup audit ({Days} d): {(problems == 0 ? "all guests are covered and backed up recently." : "gaps found.")} ");
        sb.Append(CultureInfo.InvariantCulture, $"{JobsEnabled} of {JobsTotal} backup jobs enabled.");
        sb.Append("\nNot in any job: ").Append(NotInAnyJob.Render("guests"));
        sb.Append(CultureInfo.InvariantCulture, $"\nIn a job but no backup within {Days} d: ").Append(Stale.Render("guests"));
        sb.Append("\nFailed backup tasks: ").Append(FailedTasks.Render("tasks"));
        foreach (var note in Notes ?? [])
        {
            sb.Append('\n').Append(note);
        }

        return sb.ToString();
    }
}

public sealed record ClusterHealthOutput : IToolOutput
{
    /// <summary>ok, warning or critical.</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("cluster")] public string? Cluster { get; init; }
    [JsonPropertyName("quorate")] public required bool Quorate { get; init; }
    [JsonPropertyName("nodes_online")] public required int NodesOnline { get; init; }
    [JsonPropertyName("nodes_total")] public required int NodesTotal { get; init; }
    [JsonPropertyName("nodes_offline")] public required IReadOnlyList<string> NodesOffline { get; init; }
    [JsonPropertyName("ha")] public required string Ha { get; init; }
    [JsonPropertyName("storage_near_full")] public required Sample StorageNearFull { get; init; }
    [JsonPropertyName("failed_tasks_24h")] public required Sample FailedTasks { get; init; }
    [JsonPropertyName("replication")] public required string Replication { get; init; }
    [JsonPropertyName("replication_failing")] public required Sample ReplicationFailing { get; init; }
    [JsonPropertyName("ceph")] public required string Ceph { get; init; }

    /// <summary>Each problem in one line, worst first.</summary>
    [JsonPropertyName("problems")] public required IReadOnlyList<string> Problems { get; init; }

    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Cluster {Cluster ?? "(standalone)"}: {Status.ToUpperInvariant()}");
        sb.Append(Problems.Count == 0 ? ", no problems found." : $", {Problems.Count} problem(s):");
        foreach (var p in Problems)
        {
            sb.Append("\n- ").Append(p);
        }

        sb.Append(CultureInfo.InvariantCulture, $"\nQuorum: {(Quorate ? "yes" : "NO")}; nodes online {NodesOnline}/{NodesTotal}");
        sb.Append(NodesOffline.Count > 0 ? $" (offline: {string.Join(", ", NodesOffline)})." : ".");
        sb.Append("\nHA: ").Append(Ha);
        sb.Append("\nStorage near full: ").Append(StorageNearFull.Render("storages"));
        sb.Append("\nFailed tasks (24 h): ").Append(FailedTasks.Render("tasks"));
        sb.Append("\nReplication: ").Append(Replication);
        if (ReplicationFailing.Count > 0)
        {
            sb.Append(" Failing: ").Append(ReplicationFailing.Render("jobs"));
        }

        sb.Append("\nCeph: ").Append(Ceph);
        return sb.ToString();
    }
}

public sealed record HaStatusOutput : IToolOutput
{
    [JsonPropertyName("quorum")] public string? Quorum { get; init; }
    [JsonPropertyName("master")] public string? Master { get; init; }
    [JsonPropertyName("lrm")] public required IReadOnlyList<string> Lrm { get; init; }
    [JsonPropertyName("resources")] public required IReadOnlyList<HaResourceItem> Resources { get; init; }
    [JsonPropertyName("page")] public required PageInfo Page { get; init; }

    public string ToText()
    {
        if (Resources.Count == 0 && Master is null)
        {
            return "HA is not in use: no HA resources are configured.";
        }

        var sb = new StringBuilder($"HA quorum: {Quorum ?? "?"}; master: {Master ?? "none"}.");
        foreach (var l in Lrm)
        {
            sb.Append("\nlrm ").Append(l);
        }

        sb.Append('\n').Append(Page.Summary("HA resources"));
        foreach (var r in Resources)
        {
            sb.Append('\n').Append(r.Sid).Append(": ").Append(r.State ?? "?").Append(" on ").Append(r.Node ?? "?");
            if (r.Requested is { } req && req != r.State)
            {
                sb.Append(" (requested ").Append(req).Append(')');
            }
        }

        return sb.ToString();
    }
}

public sealed record HaResourceItem
{
    [JsonPropertyName("sid")] public required string Sid { get; init; }
    [JsonPropertyName("node")] public string? Node { get; init; }

    /// <summary>The CRM's current state: started, stopped, error, fence, recovery, migrate...</summary>
    [JsonPropertyName("state")] public string? State { get; init; }
    [JsonPropertyName("requested")] public string? Requested { get; init; }
    [JsonPropertyName("group")] public string? Group { get; init; }
}

public sealed record ReplicationItem
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("guest")] public long? Guest { get; init; }
    [JsonPropertyName("source")] public string? Source { get; init; }
    [JsonPropertyName("target")] public string? Target { get; init; }
    [JsonPropertyName("schedule")] public string? Schedule { get; init; }
    [JsonPropertyName("last_sync")] public string? LastSync { get; init; }
    [JsonPropertyName("fail_count")] public int? FailCount { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("disabled")] public bool? Disabled { get; init; }

    public string ToLine() =>
        $"{Id}: guest {Guest} {Source ?? "?"} -> {Target} every {Schedule ?? "?"}; " +
        (Disabled == true ? "disabled" : FailCount is > 0 ? $"FAILING ({FailCount}x): {Error}" : Error is not null ? $"error: {Error}" : $"ok, last sync {LastSync ?? "never"}");
}

public sealed record ReplicationOutput : IToolOutput
{
    [JsonPropertyName("jobs")] public required IReadOnlyList<ReplicationItem> Jobs { get; init; }
    [JsonPropertyName("failing")] public required int Failing { get; init; }
    [JsonPropertyName("page")] public required PageInfo Page { get; init; }
    [JsonPropertyName("notes")] public IReadOnlyList<string>? Notes { get; init; }

    public string ToText() =>
        Page.Summary("replication jobs") + (Failing > 0 ? $" {Failing} failing." : "") +
        string.Concat(Jobs.Select(j => "\n" + j.ToLine())) + string.Concat((Notes ?? []).Select(n => "\n" + n));
}

public sealed record BackupJobItem
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("enabled")] public required bool Enabled { get; init; }
    [JsonPropertyName("schedule")] public string? Schedule { get; init; }
    [JsonPropertyName("storage")] public string? Storage { get; init; }

    /// <summary>What it backs up: all guests, a pool, or a vmid list (with exclusions and node restriction).</summary>
    [JsonPropertyName("selection")] public required string Selection { get; init; }
    [JsonPropertyName("mode")] public string? Mode { get; init; }
    [JsonPropertyName("next_run")] public string? NextRun { get; init; }
    [JsonPropertyName("comment")] public string? Comment { get; init; }

    public string ToLine() =>
        $"{Id}: {(Enabled ? "enabled" : "DISABLED")}, {Schedule ?? "?"} -> {Storage ?? "?"} ({Mode ?? "snapshot"}), {Selection}" +
        (NextRun is null ? "" : $", next {NextRun}") + (Comment is null ? "" : $" - {Comment}");
}

public sealed record BackupJobListOutput : IToolOutput
{
    [JsonPropertyName("jobs")] public required IReadOnlyList<BackupJobItem> Jobs { get; init; }
    [JsonPropertyName("page")] public required PageInfo Page { get; init; }

    public string ToText() => Page.Summary("backup jobs") + string.Concat(Jobs.Select(j => "\n" + j.ToLine()));
}
