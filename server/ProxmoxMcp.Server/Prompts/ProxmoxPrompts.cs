using System.Globalization;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox;

namespace ProxmoxMcp.Server.Prompts;

/// <summary>Ready-made prompts (docs/CLAUDE_PROMPTS.md has more). Each names the tools it expects the model to use.</summary>
public static class ProxmoxPrompts
{
    public static IEnumerable<McpServerPrompt> All { get; } =
    [
        new TemplatePrompt(
            "cluster_health_report",
            "Cluster health report",
            "A read-only health report of the whole cluster: quorum, nodes, storage, guests, failed tasks and backup coverage.",
            [new TemplateArgument("backup_days", "Flag guests without a backup in this many days (default 7).", false, Days)],
            a => $"""
                Write a health report of my Proxmox VE cluster. Change nothing: use read-only tools only.
                1. get_cluster_status: is the cluster quorate, are all nodes online?
                2. get_nodes, then get_node_status for any node above 80% CPU, memory or root disk.
                3. get_storages: flag every storage above 80% used, and any that is not available on a node.
                4. get_cluster_resources with type=vm: count running and stopped guests; flag guests that are locked.
                5. get_tasks with errors=true: list recent failed tasks with their error text (get_task_status for details).
                6. get_backups: flag running guests with no backup in the last {a.GetValueOrDefault("backup_days", "7")} days.
                Finish with three sections: Critical, Warnings, OK. Keep each finding to one line with the node, guest or storage it concerns,
                and say which tool call would fix or investigate it; do not run those calls.
                """),
        new TemplatePrompt(
            "find_idle_guests",
            "Find idle guests",
            "Finds VMs and containers that look unused (low CPU and network over a period, or stopped), to reclaim resources. Read-only.",
            [
                new TemplateArgument("timeframe", "Period to judge by: day, week (default) or month.", false, Timeframe),
                new TemplateArgument("cpu_percent", "Average CPU below this counts as idle (default 2).", false, Percent),
            ],
            a => $"""
                Find idle guests in my Proxmox VE cluster. Change nothing: use read-only tools only.
                1. get_cluster_resources with type=vm lists every guest with node, status and uptime (page through it with offset if needed).
                2. For each running guest, get_vm_metrics (VMs) or get_container_metrics (containers) with timeframe={a.GetValueOrDefault("timeframe", "week")}:
                   idle means average CPU below {a.GetValueOrDefault("cpu_percent", "2")}% and little network traffic.
                3. Stopped guests: note them separately; get_backups with their vmid shows whether a backup exists.
                Report a table: vmid, name, node, type, status, average CPU, network, memory reserved, backup yes/no, and a suggestion
                (keep, shut down, back up then delete). Suggest only; I decide. Skip templates.
                """),
        new TemplatePrompt(
            "safe_update_vm",
            "Safely change a guest",
            "Snapshot a VM or container, apply a change, verify it, and roll back only with the user's consent if it went wrong.",
            [
                new TemplateArgument("vmid", "The guest to change (VM or container id).", true, Vmid),
                new TemplateArgument("change", "What to change, e.g. 'give it 4 cores and 8 GiB of memory' or 'upgrade packages'.", true),
            ],
            a => $"""
                Make this change to guest {a["vmid"]} safely: {a["change"]}
                1. Look at it first: get_cluster_resources (or get_vm / get_container) for its kind, node and state, and get_snapshots for existing snapshots.
                2. Take a snapshot with create_snapshot: vmid={a["vmid"]}, snapname=before_change_{DateTime.UtcNow.ToString("yyyyMMdd_HHmm", CultureInfo.InvariantCulture)}, and a description of the change.
                   Wait for it to complete; if it fails (e.g. the storage cannot snapshot), stop and tell me; suggest create_backup instead.
                3. Apply the change with the matching tool (update_vm or update_container for configuration; the power tools if a restart is needed).
                4. Verify: read the configuration and status back (get_vm_config / get_container_config, get_vm / get_container) and compare with what was asked.
                5. If something is wrong, explain it and ask me before calling rollback_snapshot (it discards everything since the snapshot).
                6. When I say it is fine, offer delete_snapshot for the snapshot, so it does not grow on the storage.
                Report each step's outcome in one line.
                """),
        new TemplatePrompt(
            "backup_before_change",
            "Back up before a change",
            "Make a fresh backup of a guest, confirm it exists on the storage, then go ahead with the planned change.",
            [
                new TemplateArgument("vmid", "The guest to back up (VM or container id).", true, Vmid),
                new TemplateArgument("change", "The change planned afterwards (optional).", false),
            ],
            a => $"""
                Before {(a.TryGetValue("change", out var change) ? $"this change: {change}" : "a change")}, back up guest {a["vmid"]}.
                1. get_backups with vmid={a["vmid"]}: when was its last backup, on which storage?
                2. create_backup with vmid={a["vmid"]}, mode=snapshot and notes saying why; it chooses a backup storage and says which (or pass storage=...).
                   It waits for the backup; report the created volume and its size. If it fails, show the error and stop.
                3. Confirm with get_backups that the new backup is listed.
                4. Only then carry out the change{(change is null ? " I describe next" : "")}. If it goes wrong, restore_backup can bring the guest back
                   (over the existing guest it needs force=true and my confirmation).
                """),
        new TemplatePrompt(
            "investigate_failed_tasks",
            "Investigate failed tasks",
            "Finds recent failed Proxmox tasks, reads their logs and explains the causes. Read-only.",
            [new TemplateArgument("node", "Only this node (default: the whole cluster).", false, Node)],
            a => $"""
                Find out what went wrong in my Proxmox VE cluster recently. Change nothing.
                1. get_tasks with errors=true{(a.TryGetValue("node", out var node) ? $" and node={node}" : "")}.
                2. For each failed task (at most 10, newest first): get_task_status, then get_task_log for the lines around the error.
                3. Group failures with the same cause. For each: what failed, when, on which guest or storage, the error in Proxmox's words,
                   the likely cause, and the fix (name the tool that would do it, but do not run it).
                """),
    ];

    private static string Vmid(string value) => VmId.Parse(value).ToString();

    private static string Node(string value) => NodeName.Parse(value).Value;

    private static string Days(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 3650
            ? days.ToString(CultureInfo.InvariantCulture)
            : throw new McpException($"'{value}' is not a number of days (1 to 3650).");

    private static string Percent(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent is > 0 and <= 100
            ? percent.ToString("0.##", CultureInfo.InvariantCulture)
            : throw new McpException($"'{value}' is not a percentage (above 0, at most 100).");

    private static string Timeframe(string value) =>
        value.ToLowerInvariant() is "day" or "week" or "month"
            ? value.ToLowerInvariant()
            : throw new McpException($"'{value}' is not one of: day, week, month.");
}
