using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Guests;

/// <summary>update_vm / update_container arguments: named settings (key, value), keys to delete, and the legacy config object.</summary>
public sealed record UpdateArgs(
    IReadOnlyList<KeyValuePair<string, string>> Named,
    IReadOnlyList<string>? Delete,
    IReadOnlyDictionary<string, JsonElement>? Legacy);

// Changing settings: every key checked against SettingRules, sent with the digest of a fresh read (a concurrent edit is refused), reported before -> after.
public sealed partial class GuestOperations
{
    private static readonly string[] RestartBoundVmKeys = ["cores", "sockets", "cpu", "memory", "ostype", "agent"];

    public async Task<CallToolResult> UpdateAsync(GuestCall call, UpdateArgs args, IProgress<ProgressNotificationValue>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var target = GuestTarget.Parse(call);
        var (set, delete) = ReadChanges(target, args);
        var guest = await target.LocateAsync(locator, cancellationToken);

        // GET .../config: the values before, and the digest that makes Proxmox refuse the write if someone changed the config meanwhile.
        var config = await proxmox.GetGuestConfigAsync(guest.Node, guest.Type, guest.VmId, cancellationToken);
        var changes = set.Where(kv => config[kv.Key] != kv.Value).Select(kv => new SettingChange(kv.Key, config[kv.Key], kv.Value))
            .Concat(delete.Where(k => config[k] is not null).Select(k => new SettingChange(k, config[k], null)))
            .ToList();
        var unchanged = set.Keys.Where(k => config[k] == set[k]).Concat(delete.Where(k => config[k] is null)).ToList();
        var output = new ConfigChangeOutput
        {
            Guest = guest.Describe(),
            VmId = guest.VmId.Value,
            Node = guest.Node.Value,
            Status = changes.Count == 0 ? "unchanged" : "updated",
            Changes = changes,
            Unchanged = unchanged.Count > 0 ? unchanged : null,
            Notes = Notes(guest.Note),
        };
        if (changes.Count == 0)
        {
            return ToolResults.Success(output, GuestJsonContext.Default.ConfigChangeOutput);
        }

        var change = new GuestConfigChange(
            changes.Where(c => c.After is not null).ToDictionary(c => c.Key, c => c.After!, StringComparer.Ordinal),
            changes.Where(c => c.After is null).Select(c => c.Key).ToList(),
            config.Digest);
        var upid = guest.Type == GuestType.Qemu
            ? await proxmox.UpdateVmConfigAsync(guest.Node, guest.VmId, change, cancellationToken)
            : await proxmox.UpdateContainerConfigAsync(guest.Node, guest.VmId, change, cancellationToken);
        var notes = Notes(guest.Note, RestartNote(guest, changes));
        if (upid is not null)
        {
            var outcome = await tasks.WaitAsync(upid, null, progress, cancellationToken);
            TaskRunner.ThrowIfFailed($"Updating {guest.Describe()}", outcome);
            if (!outcome.Finished)
            {
                notes.Add($"Proxmox is still applying the change (task {upid.Text}); follow it with wait_for_task.");
            }
        }

        return ToolResults.Success(output with { Upid = upid?.Text, Notes = notes.Count > 0 ? notes : null }, GuestJsonContext.Default.ConfigChangeOutput);
    }

    /// <summary>Checks every named and legacy setting and every key to delete, before any request.</summary>
    private static (SortedDictionary<string, string> Set, List<string> Delete) ReadChanges(GuestTarget target, UpdateArgs args)
    {
        var set = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, raw) in args.Named)
        {
            set[key] = SettingRules.Normalize(target, key, raw, key);
        }

        foreach (var (key, value) in args.Legacy ?? new Dictionary<string, JsonElement>())
        {
            if (set.ContainsKey(key))
            {
                throw new McpException($"'{key}' is given twice, as an argument and in 'config': give it once.");
            }

            set[key] = SettingRules.Normalize(target, key, SettingRules.LegacyValue(key, value), $"config.{key}");
        }

        var delete = (args.Delete ?? []).Select(k => k.Trim()).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        foreach (var key in delete)
        {
            SettingRules.RequireDeletable(target, key);
            if (set.ContainsKey(key))
            {
                throw new McpException($"'{key}' is both set and listed in 'delete': do one or the other.");
            }
        }

        if (set.Count == 0 && delete.Count == 0)
        {
            throw new McpException(
                $"Nothing to change: give at least one setting ({string.Join(", ", SettingRules.For(target.Type).Select(r => r.Key))}) or keys to 'delete'.");
        }

        return (set, delete);
    }

    private static string? RestartNote(GuestRef guest, List<SettingChange> changes) =>
        guest.Type == GuestType.Qemu && guest.Status == "running" && changes.Any(c => RestartBoundVmKeys.Contains(c.Key))
            ? "The VM is running: changes Proxmox cannot hot-plug (CPU type, OS type, and cores or memory without hotplug) stay pending " +
              "until the VM is next started; reboot_vm applies them."
            : null;
}
