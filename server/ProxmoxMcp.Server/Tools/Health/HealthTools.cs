using System.ComponentModel;
using System.Globalization;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Health;

/// <summary>Operational checks: backups, cluster health, HA and replication. Each answers in one call with bounded lists.</summary>
public sealed class HealthTools(ProxmoxClient proxmox, TimeProvider time)
{
    /// <summary>Items shown of each long list (the count is always exact).</summary>
    public const int SampleSize = 25;
    private const int TaskSample = 5;

    [McpServerTool(Name = "audit_backups", Title = "Audit backups", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(BackupAuditOutput))]
    [Description("Reports guests in no backup job, guests whose newest backup is older than N days (or missing), and failed backup tasks. One compact report.")]
    [PveEndpoint("GET /cluster/backup")]
    [PveEndpoint("GET /cluster/backup-info/not-backed-up")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /storage")]
    [PveEndpoint("GET /nodes/{node}/storage/{storage}/content")]
    [PveEndpoint("GET /nodes/{node}/tasks")]
    public async Task<CallToolResult> AuditBackups(
        [Description("Age limit in days, 1-365 (default 7).")] int? days = null,
        CancellationToken cancellationToken = default)
    {
        if (days is < 1 or > 365)
        {
            throw new McpException("days must be 1 to 365.");
        }

        var window = days ?? 7;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var since = now - (window * 86400L);

        // GET /cluster/backup
        var jobs = await proxmox.GetBackupJobsAsync(cancellationToken);

        // GET /cluster/backup-info/not-backed-up
        var notBackedUp = await proxmox.GetGuestsNotBackedUpAsync(cancellationToken);

        // GET /cluster/resources (guests and nodes)
        var resources = await proxmox.GetClusterResourcesAsync(null, cancellationToken);
        var guests = resources.Where(r => r.Type is "qemu" or "lxc" && r.VmId is not null).ToList();
        var onlineNodes = resources.Where(r => r.Type == "node" && r.Status == "online" && r.Node is not null).Select(r => r.Node!).Order(StringComparer.Ordinal).ToList();
        var notes = new List<string>();

        // newest backup per guest, from every storage that holds backups
        var newest = new Dictionary<long, long>();
        var definitions = await proxmox.GetStorageDefinitionsAsync(cancellationToken);
        foreach (var storage in definitions.Where(d => d.Disabled != true && (d.Content ?? "").Split(',').Contains("backup")))
        {
            var id = StorageId.Parse(storage.Storage);
            var allowed = storage.Nodes is { Length: > 0 } list ? list.Split(',') : null;
            var nodes = onlineNodes.Where(n => allowed is null || allowed.Contains(n)).ToList();
            foreach (var node in storage.Shared == true ? nodes.Take(1) : nodes)
            {
                // GET /nodes/{node}/storage/{storage}/content
                foreach (var volume in await proxmox.GetStorageContentAsync(NodeName.Parse(node), id, "backup", null, cancellationToken))
                {
                    if (volume.VmId is { } vmid && volume.CreationTime is { } ctime && (!newest.TryGetValue(vmid, out var seen) || ctime > seen))
                    {
                        newest[vmid] = ctime;
                    }
                }
            }
        }

        var offline = resources.Where(r => r.Type == "node" && r.Status != "online").Select(r => r.Node).ToList();
        if (offline.Count > 0)
        {
            notes.Add($"Nodes offline, their local backups and task logs not checked: {string.Join(", ", offline)}.");
        }

        var excluded = notBackedUp.Select(g => g.VmId).ToHashSet();
        var stale = guests.Where(g => !excluded.Contains(g.VmId!.Value) && g.Template != true)
            .Select(g => (Guest: g, Last: newest.TryGetValue(g.VmId!.Value, out var t) ? t : (long?)null))
            .Where(x => x.Last is null || x.Last < since)
            .OrderBy(x => x.Last ?? 0).ThenBy(x => x.Guest.VmId)
            .Select(x => $"{x.Guest.VmId} {x.Guest.Name}: {(x.Last is { } t ? Format.Number((now - t) / 86400.0, "0.#") + " d" : "never")}")
            .ToList();

        // GET /nodes/{node}/tasks (failed vzdump tasks in the window)
        var failed = new List<TaskSummary>();
        foreach (var node in onlineNodes)
        {
            var (tasks, _) = await proxmox.GetNodeTasksAsync(NodeName.Parse(node),
                new TaskQuery { TypeFilter = "vzdump", ErrorsOnly = true, Since = since, Limit = 50 }, cancellationToken);
            failed.AddRange(tasks.Where(t => t.Status is { } s && !TaskOutcomeText.IsSuccess(s) && s != "RUNNING"));
        }

        var output = new BackupAuditOutput
        {
            Days = window,
            JobsEnabled = jobs.Count(j => j.Enabled != false),
            JobsTotal = jobs.Count,
            NotInAnyJob = Sample.Of(notBackedUp.OrderBy(g => g.VmId).Select(g => $"{g.VmId} {g.Name}".TrimEnd()).ToList(), SampleSize),
            Stale = Sample.Of(stale, SampleSize),
            FailedTasks = Sample.Of(failed.OrderByDescending(t => t.StartTime).Select(TaskLine).ToList(), TaskSample),
            Notes = notes.Count > 0 ? notes : null,
        };
        return ToolResults.Success(output, HealthJsonContext.Default.BackupAuditOutput);
    }

    [McpServerTool(Name = "get_cluster_health", Title = "Cluster health", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ClusterHealthOutput))]
    [Description("Returns one compact health report: quorum, nodes online, HA, storage near full, failed tasks in 24 h, replication failures, Ceph health.")]
    [PveEndpoint("GET /cluster/status")]
    [PveEndpoint("GET /cluster/ha/status/current")]
    [PveEndpoint("GET /cluster/resources?type=storage")]
    [PveEndpoint("GET /nodes/{node}/tasks")]
    [PveEndpoint("GET /cluster/replication")]
    [PveEndpoint("GET /nodes/{node}/replication")]
    [PveEndpoint("GET /storage")]
    [PveEndpoint("GET /cluster/ceph/status")]
    public async Task<CallToolResult> GetClusterHealth(
        [Description("Storage use that counts as near full, 50-99 percent (default 85).")] int? storage_threshold = null,
        CancellationToken cancellationToken = default)
    {
        if (storage_threshold is < 50 or > 99)
        {
            throw new McpException("storage_threshold must be 50 to 99 (percent).");
        }

        var threshold = (storage_threshold ?? 85) / 100.0;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var critical = new List<string>();
        var warnings = new List<string>();

        // GET /cluster/status
        var status = await proxmox.GetClusterStatusAsync(cancellationToken);
        var cluster = status.FirstOrDefault(e => e.Type == "cluster");
        var nodes = status.Where(e => e.Type == "node").ToList();
        var online = nodes.Where(n => n.Online == true).Select(n => n.Name!).Order(StringComparer.Ordinal).ToList();
        var offline = nodes.Where(n => n.Online != true).Select(n => n.Name ?? "?").Order(StringComparer.Ordinal).ToList();
        var quorate = cluster?.Quorate ?? true;
        if (!quorate)
        {
            critical.Add("The cluster has no quorum: configuration changes and HA are blocked.");
        }

        if (offline.Count > 0)
        {
            critical.Add($"Nodes offline: {string.Join(", ", offline)}.");
        }

        // GET /cluster/ha/status/current
        var ha = await proxmox.GetHaStatusAsync(cancellationToken);
        var services = ha.Where(e => e.Type == "service").ToList();
        var master = ha.FirstOrDefault(e => e.Type == "master");
        string haText;
        if (services.Count == 0)
        {
            haText = "not in use.";
        }
        else
        {
            var byState = services.GroupBy(s => s.State ?? "?").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
            haText = $"master {master?.Node ?? "none"}; {services.Count} resources ({string.Join(", ", byState)}).";
            var bad = services.Where(s => s.State is "error" or "fence" or "recovery").Select(s => $"{s.Sid} {s.State} on {s.Node}").ToList();
            if (bad.Count > 0)
            {
                critical.Add($"HA resources in trouble: {string.Join(", ", bad.Take(10))}{(bad.Count > 10 ? $" (+{bad.Count - 10} more)" : "")}.");
            }

            if (master is null)
            {
                warnings.Add("HA resources exist but no HA master is active.");
            }
        }

        // GET /cluster/resources?type=storage
        var storages = await proxmox.GetClusterResourcesAsync(ClusterResourceType.Storage, cancellationToken);
        var full = storages.Where(s => s.MaxDisk is > 0 && s.Disk is not null && (double)s.Disk / s.MaxDisk >= threshold)
            .GroupBy(s => s.Shared == true ? s.Storage : $"{s.Storage}@{s.Node}")
            .Select(g => g.First())
            .OrderByDescending(s => (double)s.Disk! / s.MaxDisk!.Value)
            .Select(s => $"{s.Storage}{(s.Shared == true ? "" : $" on {s.Node}")} {Format.Percent((double)s.Disk! / s.MaxDisk!.Value)}")
            .ToList();
        if (full.Count > 0)
        {
            warnings.Add($"{full.Count} storage(s) at or above {Format.Percent(threshold)}: {string.Join(", ", full.Take(5))}.");
        }

        // GET /nodes/{node}/tasks (failed in the last 24 h)
        var failed = new List<TaskSummary>();
        var failedTotal = 0;
        foreach (var node in online)
        {
            var (tasks, total) = await proxmox.GetNodeTasksAsync(NodeName.Parse(node),
                new TaskQuery { ErrorsOnly = true, Since = now - 86400, Limit = 20 }, cancellationToken);
            var errors = tasks.Where(t => t.Status is { } s && !TaskOutcomeText.IsSuccess(s) && s != "RUNNING").ToList();
            failed.AddRange(errors);
            failedTotal += Math.Max(errors.Count, (total ?? 0) - (tasks.Count - errors.Count));
        }

        var failedLines = failed.OrderByDescending(t => t.StartTime).Select(TaskLine).ToList();
        if (failedTotal > 0)
        {
            warnings.Add($"{failedTotal} task(s) failed in the last 24 h (get_tasks errors=true lists them).");
        }

        // GET /cluster/replication, then GET /nodes/{node}/replication on each source node
        var jobs = await proxmox.GetReplicationJobsAsync(cancellationToken);
        var failing = new List<string>();
        foreach (var source in jobs.Select(j => j.Source).OfType<string>().Distinct(StringComparer.Ordinal).Where(online.Contains))
        {
            foreach (var job in await proxmox.GetNodeReplicationAsync(NodeName.Parse(source), null, cancellationToken))
            {
                if (job.FailCount is > 0 || job.Error is not null)
                {
                    failing.Add($"{job.Id} ({job.FailCount}x: {Format.Shorten(job.Error, 120)})");
                }
            }
        }

        if (failing.Count > 0)
        {
            warnings.Add($"{failing.Count} replication job(s) failing (get_replication_status shows them).");
        }

        // GET /storage: Ceph is asked only when a Ceph storage is configured
        var definitions = await proxmox.GetStorageDefinitionsAsync(cancellationToken);
        var ceph = "not configured.";
        if (definitions.Any(d => d.Type is "rbd" or "cephfs"))
        {
            // GET /cluster/ceph/status
            var health = (await proxmox.GetCephStatusAsync(cancellationToken)).Health?.Status ?? "unknown";
            ceph = health;
            if (health == "HEALTH_ERR")
            {
                critical.Add("Ceph reports HEALTH_ERR.");
            }
            else if (health != "HEALTH_OK")
            {
                warnings.Add($"Ceph reports {health}.");
            }
        }

        var output = new ClusterHealthOutput
        {
            Status = critical.Count > 0 ? "critical" : warnings.Count > 0 ? "warning" : "ok",
            Cluster = cluster?.Name,
            Quorate = quorate,
            NodesOnline = online.Count,
            NodesTotal = nodes.Count,
            NodesOffline = offline,
            Ha = haText,
            StorageNearFull = Sample.Of(full, 10),
            FailedTasks = new Sample { Count = failedTotal, Items = failedLines.Take(TaskSample).ToList() },
            Replication = jobs.Count == 0 ? "no jobs." : $"{jobs.Count} job(s), {failing.Count} failing.",
            ReplicationFailing = Sample.Of(failing, 5),
            Ceph = ceph,
            Problems = [.. critical, .. warnings],
        };
        return ToolResults.Success(output, HealthJsonContext.Default.ClusterHealthOutput);
    }

    [McpServerTool(Name = "get_ha_status", Title = "HA status", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(HaStatusOutput))]
    [Description("Returns the HA manager's state: quorum, master, each node's LRM and each HA resource's state and node; paged.")]
    [PveEndpoint("GET /cluster/ha/status/current")]
    [PveEndpoint("GET /cluster/ha/resources")]
    public async Task<CallToolResult> GetHaStatus(
        int? offset = null,
        int? limit = null,
        CancellationToken cancellationToken = default)
    {
        // GET /cluster/ha/status/current
        var status = await proxmox.GetHaStatusAsync(cancellationToken);

        // GET /cluster/ha/resources
        var resources = (await proxmox.GetHaResourcesAsync(cancellationToken)).ToDictionary(r => r.Sid, StringComparer.Ordinal);
        var items = status.Where(e => e.Type == "service" && e.Sid is not null)
            .Select(e => new HaResourceItem
            {
                Sid = e.Sid!,
                Node = e.Node,
                State = e.State ?? e.CrmState,
                Requested = e.RequestState ?? resources.GetValueOrDefault(e.Sid!)?.State,
                Group = resources.GetValueOrDefault(e.Sid!)?.Group,
            })
            .OrderBy(i => i.Sid, StringComparer.Ordinal)
            .ToList();
        var (page, info) = Paging.Apply(items, offset, limit);
        var output = new HaStatusOutput
        {
            Quorum = status.FirstOrDefault(e => e.Type == "quorum")?.Status,
            Master = status.FirstOrDefault(e => e.Type == "master")?.Status,
            Lrm = status.Where(e => e.Type == "lrm").Select(e => e.Status ?? e.Node ?? "?").ToList(),
            Resources = page,
            Page = info,
        };
        return ToolResults.Success(output, HealthJsonContext.Default.HaStatusOutput);
    }

    [McpServerTool(Name = "get_replication_status", Title = "Replication status", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ReplicationOutput))]
    [Description("Lists storage replication jobs with their last sync, failure count and error; filter by guest; paged.")]
    [PveEndpoint("GET /cluster/replication")]
    [PveEndpoint("GET /nodes/{node}/replication")]
    public async Task<CallToolResult> GetReplicationStatus(
        [Description("Only this guest's jobs.")] int? vmid = null,
        int? offset = null,
        int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var guest = vmid is { } v ? VmId.From(v) : (VmId?)null;

        // GET /cluster/replication
        var jobs = (await proxmox.GetReplicationJobsAsync(cancellationToken)).Where(j => guest is null || j.Guest == guest.Value.Value).ToList();
        var state = new Dictionary<string, ReplicationJob>(StringComparer.Ordinal);
        var notes = new List<string>();
        foreach (var source in jobs.Select(j => j.Source).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            try
            {
                // GET /nodes/{node}/replication
                foreach (var s in await proxmox.GetNodeReplicationAsync(NodeName.Parse(source), guest, cancellationToken))
                {
                    state[s.Id] = s;
                }
            }
            catch (ProxmoxApiException ex) when (ex.StatusCode is 595 or 596)
            {
                notes.Add($"Node {source} is unreachable: the state of its jobs is unknown.");
            }
        }

        var items = jobs.OrderBy(j => j.Id, StringComparer.Ordinal).Select(j =>
        {
            var s = state.GetValueOrDefault(j.Id);
            return new ReplicationItem
            {
                Id = j.Id,
                Guest = j.Guest,
                Source = j.Source,
                Target = j.Target,
                Schedule = j.Schedule,
                LastSync = s?.LastSync is > 0 ? Format.Time(s.LastSync) : null,
                FailCount = s?.FailCount,
                Error = Format.Shorten(s?.Error, 300),
                Disabled = j.Disable == true ? true : null,
            };
        }).ToList();
        var (page, info) = Paging.Apply(items, offset, limit);
        var output = new ReplicationOutput { Jobs = page, Failing = items.Count(i => i.FailCount is > 0), Page = info, Notes = notes.Count > 0 ? notes : null };
        return ToolResults.Success(output, HealthJsonContext.Default.ReplicationOutput);
    }

    [McpServerTool(Name = "list_backup_jobs", Title = "Backup jobs", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(BackupJobListOutput))]
    [Description("Lists scheduled backup jobs: schedule, target storage, what they include, enabled or not, next run. audit_backups finds the gaps.")]
    [PveEndpoint("GET /cluster/backup")]
    public async Task<CallToolResult> ListBackupJobs(
        int? offset = null,
        int? limit = null,
        CancellationToken cancellationToken = default)
    {
        // GET /cluster/backup
        var jobs = await proxmox.GetBackupJobsAsync(cancellationToken);
        var items = jobs.OrderBy(j => j.Id, StringComparer.Ordinal).Select(j => new BackupJobItem
        {
            Id = j.Id,
            Enabled = j.Enabled != false,
            Schedule = j.Schedule,
            Storage = j.Storage,
            Selection = Selection(j),
            Mode = j.Mode,
            NextRun = j.NextRun is { } next ? Format.Time(next) : null,
            Comment = j.Comment,
        }).ToList();
        var (page, info) = Paging.Apply(items, offset, limit);
        return ToolResults.Success(new BackupJobListOutput { Jobs = page, Page = info }, HealthJsonContext.Default.BackupJobListOutput);
    }

    private static string Selection(BackupJob job)
    {
        var what = job.All == true ? "all guests" : job.Pool is { } pool ? $"pool {pool}" : $"guests {Format.Shorten(job.VmIds, 80) ?? "(none)"}";
        if (job.Exclude is { Length: > 0 } exclude)
        {
            what += $" except {Format.Shorten(exclude, 60)}";
        }

        return job.Node is { } node ? $"{what} on {node}" : what;
    }

    private static string TaskLine(TaskSummary t) =>
        $"{Format.Time(t.StartTime)} {t.Node} {t.Type}{(string.IsNullOrEmpty(t.Id) ? "" : " " + t.Id)}: {Format.Shorten(t.Status, 100)}";

    /// <summary>PVE's task exit statuses that mean success.</summary>
    private static class TaskOutcomeText
    {
        public static bool IsSuccess(string status) => status == "OK" || status.StartsWith("WARNINGS", StringComparison.Ordinal);
    }
}
