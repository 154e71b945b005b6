using System.Globalization;
using System.Text.RegularExpressions;

namespace ProxmoxMcp.Proxmox.Protection;

/// <summary>A guest a write request acts on.</summary>
/// <param name="VmId">The guest id.</param>
/// <param name="Kind">"VM", "Container" or null when the path does not say.</param>
/// <param name="Destructive">False only for what a protected guest still allows: start, resume, snapshot, backup, clone from it.</param>
/// <param name="Creates">The request creates a guest with this id (create, restore, clone target): destructive only if it exists.</param>
public sealed record GuestTouch(long VmId, string? Kind, bool Destructive, bool Creates = false);

/// <summary>
/// Which guests a non-GET request acts on, read from its path and parameters: anything under
/// <c>/nodes/{node}/{qemu|lxc}/{vmid}</c>, the <c>vmid</c> of a create or restore, a clone's <c>newid</c>, a move's
/// <c>target-vmid</c>, the guests of vzdump, a guest's disk or backup volume, pool membership (<c>vms</c>), HA resources,
/// and node-wide actions (stopall, migrateall, suspendall, startall, node shutdown or reboot) that act on every guest of a node.
/// </summary>
public sealed partial record GuestWrite(IReadOnlyList<GuestTouch> Guests, string? AllGuestsOfNode = null, bool AllOfNodeDestructive = false, bool AllGuests = false)
{
    public static GuestWrite None { get; } = new([]);

    public bool IsEmpty => Guests.Count == 0 && AllGuestsOfNode is null && !AllGuests;

    /// <param name="method">POST, PUT or DELETE.</param>
    /// <param name="segments">The decoded path segments after /api2/json, e.g. nodes, pve1, qemu, 105, status, stop.</param>
    /// <param name="parameters">Query and form parameters, decoded.</param>
    public static GuestWrite Classify(string method, IReadOnlyList<string> segments, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(parameters);
        method = method.ToUpperInvariant();
        if (method == "GET" || segments.Count == 0)
        {
            return None;
        }

        string? Param(string name) => parameters.LastOrDefault(p => p.Key == name).Value;
        var touches = new List<GuestTouch>();
        if (segments[0] == "nodes" && segments.Count >= 3)
        {
            var node = segments[1];
            var area = segments[2];
            if (area is "qemu" or "lxc")
            {
                var kind = area == "qemu" ? "VM" : "Container";
                if (segments.Count == 3)
                {
                    // POST /nodes/{node}/{qemu|lxc}: create, or restore over an existing guest (force).
                    AddIds(touches, Param("vmid"), kind, destructive: false, creates: true);
                    return new GuestWrite(touches);
                }

                if (!TryId(segments[3], out var vmid))
                {
                    return None;
                }

                var rest = string.Join('/', segments.Skip(4));
                touches.Add(new GuestTouch(vmid, kind, !IsHarmless(method, rest)));
                if (rest == "clone")
                {
                    AddIds(touches, Param("newid"), kind, destructive: false, creates: true);
                }

                AddIds(touches, Param("target-vmid"), kind, destructive: true);
                return new GuestWrite(touches);
            }

            if (area == "vzdump" && segments.Count == 3)
            {
                AddIds(touches, Param("vmid"), null, destructive: false);
                return new GuestWrite(touches, AllGuests: Param("all") == "1" || Param("pool") is not null);
            }

            if (area == "storage" && segments.Count >= 5 && segments[4] == "content")
            {
                if (segments.Count == 5)
                {
                    AddIds(touches, Param("vmid"), null, destructive: false, creates: true);
                }
                else if (method == "DELETE" && VolumeOwner(string.Join('/', segments.Skip(5))) is { } owner)
                {
                    touches.Add(new GuestTouch(owner, null, true));
                }

                return new GuestWrite(touches);
            }

            if (segments.Count == 3 && area is "stopall" or "suspendall" or "migrateall" or "startall")
            {
                var destructive = area != "startall";
                return Param("vms") is { } vms
                    ? new GuestWrite(Ids(vms).Select(id => new GuestTouch(id, null, destructive)).ToList())
                    : new GuestWrite([], node, destructive);
            }

            if (segments.Count == 3 && area == "status" && method == "POST" && Param("command") is "reboot" or "shutdown")
            {
                return new GuestWrite([], node, true);
            }

            return None;
        }

        if (segments[0] == "pools")
        {
            // PUT /pools/{poolid} (and PVE 9's PUT /pools): adding or removing members changes what pool rules select.
            AddIds(touches, Param("vms"), null, destructive: true);
            return new GuestWrite(touches);
        }

        if (segments.Count >= 3 && segments[0] == "cluster" && segments[1] == "ha" && segments[2] == "resources")
        {
            // HA starts, stops and moves the guests it manages.
            var sid = segments.Count >= 4 ? segments[3] : Param("sid");
            if (sid is not null && HaSid().Match(sid) is { Success: true } m && TryId(m.Groups["id"].Value, out var id))
            {
                touches.Add(new GuestTouch(id, m.Groups["kind"].Value switch { "vm" => "VM", "ct" => "Container", _ => null }, true));
            }

            return new GuestWrite(touches);
        }

        return None;
    }

    /// <summary>What a protected guest still allows: it is started, resumed, snapshotted or cloned, and nothing of it changes.</summary>
    private static bool IsHarmless(string method, string rest) =>
        method == "POST" && rest is "status/start" or "status/resume" or "snapshot" or "clone";

    /// <summary>The guest a volume belongs to: vm-105-disk-0, base-105-disk-0, subvol-105-disk-0, vzdump-qemu-105-....</summary>
    public static long? VolumeOwner(string volume)
    {
        var m = VolumeName().Match(volume);
        return m.Success && TryId(m.Groups["id"].Value, out var id) ? id : null;
    }

    private static void AddIds(List<GuestTouch> touches, string? list, string? kind, bool destructive, bool creates = false) =>
        touches.AddRange(Ids(list).Select(id => new GuestTouch(id, kind, destructive, creates)));

    /// <summary>vmid lists as PVE takes them: separated by commas, semicolons or spaces.</summary>
    private static IEnumerable<long> Ids(string? list)
    {
        foreach (var item in (list ?? "").Split([',', ';', ' ', '\0'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (TryId(item, out var id))
            {
                yield return id;
            }
        }
    }

    private static bool TryId(string text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id >= VmId.Min;

    [GeneratedRegex(@"(?:^|[:/])(?:(?:vm|base|subvol|basevol)-(?<id>\d+)-|vzdump-(?:qemu|lxc|openvz)-(?<id>\d+)-)", RegexOptions.CultureInvariant)]
    private static partial Regex VolumeName();

    [GeneratedRegex(@"^(?:(?<kind>vm|ct):)?(?<id>\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex HaSid();
}
