using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelContextProtocol;
using ProxmoxMcp.Proxmox;

namespace ProxmoxMcp.Server.Tools.Guests;

/// <summary>
/// The keys update_vm and update_container change, and why every other key is refused: settings that reach the
/// host (hookscripts, raw arguments, passthrough), disks, networks, locks and security boundaries are not theirs.
/// </summary>
public static partial class SettingRules
{
    private static readonly SettingRule[] Vm =
    [
        SettingRule.Checked("name", GuestArguments.DnsName),
        SettingRule.WholeNumber("cores", 1, 8192, deletable: false),
        SettingRule.WholeNumber("sockets", 1, 4096, deletable: false),
        SettingRule.WholeNumber("memory", 16, 4_194_304, deletable: false),
        SettingRule.WholeNumber("balloon", 0, 4_194_304),
        SettingRule.Checked("cpu", GuestArguments.CpuType),
        SettingRule.Number("cpulimit", 0, 128),
        SettingRule.Text("description", 8192),
        SettingRule.Checked("tags", GuestArguments.Tags),
        SettingRule.Boolean("onboot"),
        SettingRule.Boolean("protection"),
        SettingRule.Boolean("agent"),
        SettingRule.Checked("ostype", (raw, argument) => GuestArguments.OsType(raw, GuestArguments.VmOsTypes, argument)),
    ];

    private static readonly SettingRule[] Container =
    [
        SettingRule.Checked("hostname", GuestArguments.DnsName),
        SettingRule.WholeNumber("cores", 1, 8192),
        SettingRule.WholeNumber("memory", 16, 4_194_304, deletable: false),
        SettingRule.WholeNumber("swap", 0, 4_194_304),
        SettingRule.Number("cpulimit", 0, 8192),
        SettingRule.Text("description", 8192),
        SettingRule.Checked("tags", GuestArguments.Tags),
        SettingRule.Boolean("onboot"),
        SettingRule.Boolean("protection"),
    ];

    public static IReadOnlyList<SettingRule> For(GuestType type) => type == GuestType.Qemu ? Vm : Container;

    /// <summary>The value as Proxmox stores it, or a refusal naming the argument and, for a key it does not change, why.</summary>
    public static string Normalize(GuestTarget target, string key, string raw, string argument)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Find(target, key, argument).Normalize(raw, argument);
    }

    public static void RequireDeletable(GuestTarget target, string key)
    {
        ArgumentNullException.ThrowIfNull(target);
        var rule = Find(target, key, "delete");
        if (!rule.Deletable)
        {
            throw new McpException($"'delete': {key} cannot be removed, only changed (e.g. {key}=2).");
        }
    }

    /// <summary>Named arguments as (key, value) pairs, given ones only, in Proxmox's text form.</summary>
    public static List<KeyValuePair<string, string>> Named(params (string Key, object? Value)[] values) =>
        values.Where(v => v.Value is not null)
            .Select(v => new KeyValuePair<string, string>(v.Key, v.Value switch
            {
                bool b => b ? "1" : "0",
                int i => i.ToString(CultureInfo.InvariantCulture),
                double d => d.ToString("0.###", CultureInfo.InvariantCulture),
                var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
            }))
            .ToList();

    /// <summary>A value of the legacy <c>config</c> object in Proxmox's text form.</summary>
    public static string LegacyValue(string key, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "1",
        JsonValueKind.False => "0",
        _ => throw new McpException($"'config.{key}' must be a string, number or boolean, not {value.ValueKind.ToString().ToLowerInvariant()}."),
    };

    private static SettingRule Find(GuestTarget target, string key, string argument)
    {
        var rules = For(target.Type);
        var rule = rules.FirstOrDefault(r => r.Key == key);
        if (rule is not null)
        {
            return rule;
        }

        var reason = RefusalReason(target, key);
        var allowed = string.Join(", ", rules.Select(r => r.Key));
        throw new McpException(reason is null
            ? $"'{argument}': {GuestArguments.Quote(key)} is not a setting {target.Tool} changes. It changes: {allowed}."
            : $"'{argument}': {target.Tool} does not change {key}: {reason}. It changes: {allowed}.");
    }

    private static string? RefusalReason(GuestTarget target, string key) => key switch
    {
        "args" or "hookscript" => "it runs commands or raw options on the Proxmox host; change it on the host if you really mean to",
        "lock" => "it is Proxmox's own lock; clear a stale lock on the node with 'qm unlock' or 'pct unlock'",
        "template" => $"use convert_{target.Suffix}_to_template (irreversible)",
        "unprivileged" or "features" => "it changes the container's security boundary; change it in the Proxmox GUI, with the container stopped",
        "digest" or "delete" or "revert" or "node" or "vmid" or "skiplock" or "force" => "it is a request parameter, not a setting",
        _ when PassthroughKey().IsMatch(key) => "it passes host hardware or host paths into the guest",
        _ when MountPointKey().IsMatch(key) => "it is a mount point, which can expose host paths to the container; grow volumes with resize_container_disk and change mount points in the Proxmox GUI",
        _ when DiskKey().IsMatch(key) => $"it is a disk; grow disks with resize_{target.Suffix}_disk, and attach, move or detach them in the Proxmox GUI",
        _ when NetworkKey().IsMatch(key) => "it is a network device or address; a wrong value can cut the guest off the network, so change it in the Proxmox GUI",
        _ when key.StartsWith("ci", StringComparison.Ordinal) || key is "sshkeys" or "cicustom" => "cloud-init settings (some of them secrets) are not changed by this tool",
        _ when key.StartsWith("lxc", StringComparison.Ordinal) => "raw LXC keys reach the host directly",
        _ => null,
    };

    [GeneratedRegex(@"^(hostpci|usb|serial|parallel|dev|virtiofs)\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex PassthroughKey();

    [GeneratedRegex(@"^mp\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex MountPointKey();

    [GeneratedRegex(@"^((ide|sata|scsi|virtio|unused)\d+|rootfs|efidisk0|tpmstate0|vmstate)$", RegexOptions.CultureInvariant)]
    private static partial Regex DiskKey();

    [GeneratedRegex(@"^(net|ipconfig)\d+$|^(nameserver|searchdomain)$", RegexOptions.CultureInvariant)]
    private static partial Regex NetworkKey();
}
