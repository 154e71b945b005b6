using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Server.Tools;

namespace ProxmoxMcp.Server.Diagnostics;

/// <summary>One privilege test: any of <see cref="AnyOf"/> on <see cref="Path"/>; <see cref="Role"/> is a built-in role that grants it.</summary>
public sealed record PrivilegeRequirement(string Path, IReadOnlyList<string> AnyOf, string Role)
{
    public override string ToString() => $"{string.Join(" or ", AnyOf)} on {Path}";
}

/// <summary>What a tool group can do given some privileges (from the endpoints' permission checks in the PVE API schema).</summary>
public sealed record Capability(string Group, string What, bool Changes, IReadOnlyList<PrivilegeRequirement> AllOf);

public enum Grant
{
    Full,
    Partial,
    Missing,
}

/// <summary>
/// Judges the effective permissions PVE reports for the configured credentials (<c>GET /access/permissions</c>:
/// path -> privilege -> propagate) against what each enabled tool group needs. A privilege-separated token sees only
/// what is granted to the token itself, which is the usual cause of empty lists and 403s.
/// </summary>
public static class PermissionCheck
{
    private static readonly string[] VmConfig =
        ["VM.Config.Disk", "VM.Config.CDROM", "VM.Config.CPU", "VM.Config.Memory", "VM.Config.Network", "VM.Config.HWType", "VM.Config.Options", "VM.Config.Cloudinit"];

    public static IReadOnlyList<Capability> Capabilities { get; } =
    [
        new(ToolGroups.Cluster, "cluster status", false, [Need("/", "PVEAuditor", "Sys.Audit")]),
        new(ToolGroups.Nodes, "node status and metrics", false, [Need("/nodes", "PVEAuditor", "Sys.Audit")]),
        .. Guest(ToolGroups.Vms),
        .. Guest(ToolGroups.Containers),
        new(ToolGroups.Storage, "list storages and their contents", false, [Need("/storage", "PVEDatastoreUser", "Datastore.Audit", "Datastore.AllocateSpace")]),
        new(ToolGroups.Storage, "delete volumes", true, [Need("/storage", "PVEDatastoreAdmin", "Datastore.Allocate")]),
        new(ToolGroups.Snapshots, "list snapshots", false, [Need("/vms", "PVEAuditor", "VM.Audit")]),
        new(ToolGroups.Snapshots, "create and delete snapshots", true, [Need("/vms", "PVEVMAdmin", "VM.Snapshot")]),
        new(ToolGroups.Snapshots, "roll back to a snapshot", true, [Need("/vms", "PVEVMAdmin", "VM.Snapshot", "VM.Snapshot.Rollback")]),
        new(ToolGroups.Backups, "list backups", false, [Need("/storage", "PVEDatastoreUser", "Datastore.Audit", "Datastore.AllocateSpace")]),
        new(ToolGroups.Backups, "back up guests", true, [Need("/vms", "PVEVMAdmin", "VM.Backup"), Need("/storage", "PVEDatastoreUser", "Datastore.AllocateSpace")]),
        new(ToolGroups.Tasks, "see every user's tasks (your own are always visible)", false, [Need("/nodes", "PVEAuditor", "Sys.Audit")]),
        new(ToolGroups.Pools, "list and inspect pools", false, [Need("/pool", "PVEAuditor", "Pool.Audit")]),
        new(ToolGroups.Pools, "create, change and delete pools", true, [Need("/pool", "PVEPoolAdmin", "Pool.Allocate")]),
    ];

    /// <summary>Reports each capability of the offered tool groups; returns false when the credentials can do nothing at all.</summary>
    public static bool Report(
        IReadOnlyDictionary<string, Dictionary<string, long>> permissions,
        IReadOnlyCollection<string> offeredGroups,
        bool readOnly,
        ProxmoxOptions options,
        CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(offeredGroups);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        var who = options.AuthMode == ProxmoxAuthMode.Token ? $"--tokens '{options.FullTokenId}'" : $"--users '{options.UserId}'";
        if (permissions.All(p => p.Value.Count == 0))
        {
            report.Fail("These credentials have no privileges at all: every list will be empty and every action will fail with 403.\n" +
                (options.AuthMode == ProxmoxAuthMode.Token
                    ? "An API token with privilege separation gets only what is granted to the token itself. Grant it roles, e.g.\n"
                    : "Grant the user roles, e.g.\n") +
                $"pveum acl modify / {who} --roles PVEAuditor   (read-only), or PVEVMAdmin on /vms for guest actions; see docs/TROUBLESHOOTING.md.");
            return false;
        }

        var missingRoles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var capability in Capabilities.Where(c => offeredGroups.Contains(c.Group, StringComparer.OrdinalIgnoreCase) && (!readOnly || !c.Changes)))
        {
            var results = capability.AllOf.Select(r => (Requirement: r, Grant: Evaluate(permissions, r, out var where), Where: where)).ToList();
            var label = $"{capability.Group,-11} {capability.What}";
            if (results.All(r => r.Grant == Grant.Full))
            {
                report.Ok($"{label} ({string.Join("; ", results.Select(r => r.Requirement))})");
                continue;
            }

            foreach (var (requirement, _, _) in results.Where(r => r.Grant != Grant.Full))
            {
                missingRoles.Add($"pveum acl modify {requirement.Path} {who} --roles {requirement.Role}");
            }

            var missing = results.Where(r => r.Grant == Grant.Missing).Select(r => r.Requirement.ToString()).ToList();
            var partial = results.Where(r => r.Grant == Grant.Partial).Select(r => $"{r.Requirement} only on {string.Join(", ", r.Where.Take(5))}{(r.Where.Count > 5 ? ", ..." : "")}").ToList();
            report.Warn($"{label}: " + string.Join("; ", missing.Select(m => "needs " + m).Concat(partial)) +
                (missing.Count > 0 ? " (these tools will get 403 or see empty lists)" : " (works for those objects only)"));
        }

        if (missingRoles.Count > 0)
        {
            report.Info("To grant what is missing (or a narrower custom role, see docs/TROUBLESHOOTING.md), on a node:\n" + string.Join("\n", missingRoles));
        }

        return true;
    }

    /// <summary>Full when the path itself (or an ancestor, propagating) has the privilege; partial when only objects below it (or pools) do.</summary>
    public static Grant Evaluate(IReadOnlyDictionary<string, Dictionary<string, long>> permissions, PrivilegeRequirement requirement, out IReadOnlyList<string> partialPaths)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(requirement);
        partialPaths = [];
        bool Has(string path, bool mustPropagate) =>
            permissions.TryGetValue(path, out var privileges)
            && requirement.AnyOf.Any(p => privileges.TryGetValue(p, out var propagate) && (!mustPropagate || propagate != 0));

        if (Has(requirement.Path, mustPropagate: false) || Ancestors(requirement.Path).Any(a => Has(a, mustPropagate: true)))
        {
            return Grant.Full;
        }

        var below = requirement.Path == "/" ? "/" : requirement.Path + "/";
        var partial = permissions.Keys
            .Where(k => k.StartsWith(below, StringComparison.Ordinal) || (requirement.Path is "/vms" or "/storage" && k.StartsWith("/pool/", StringComparison.Ordinal)))
            .Where(k => Has(k, mustPropagate: false))
            .Order(StringComparer.Ordinal)
            .ToList();
        partialPaths = partial;
        return partial.Count > 0 ? Grant.Partial : Grant.Missing;
    }

    private static IEnumerable<string> Ancestors(string path)
    {
        for (var cut = path.LastIndexOf('/'); cut > 0; cut = path.LastIndexOf('/', cut - 1))
        {
            yield return path[..cut];
        }

        if (path != "/")
        {
            yield return "/";
        }
    }

    private static PrivilegeRequirement Need(string path, string role, params string[] anyOf) => new(path, anyOf, role);

    private static IEnumerable<Capability> Guest(string group) =>
    [
        new(group, "list and inspect", false, [Need("/vms", "PVEAuditor", "VM.Audit")]),
        new(group, "start, stop, shut down, reboot", true, [Need("/vms", "PVEVMUser", "VM.PowerMgmt")]),
        new(group, "create, delete, make templates", true, [Need("/vms", "PVEVMAdmin", "VM.Allocate"), Need("/storage", "PVEDatastoreUser", "Datastore.AllocateSpace")]),
        new(group, "clone", true, [Need("/vms", "PVEVMAdmin", "VM.Clone")]),
        new(group, "change configuration", true, [Need("/vms", "PVEVMAdmin", VmConfig)]),
        new(group, "migrate", true, [Need("/vms", "PVEVMAdmin", "VM.Migrate")]),
    ];
}
