using System.Globalization;
using ProxmoxMcp.Proxmox.Models;

namespace ProxmoxMcp.Proxmox.Protection;

/// <summary>
/// Decides whether a write may be sent, from PROXMOX_MCP_PROTECT (no destructive action on these guests, whatever the
/// arguments or confirmation) and PROXMOX_MCP_ALLOW (when set, no write at all on other guests). Called for every
/// non-GET request by <see cref="GuestGuardHandler"/>, and early by tools so that nobody is asked to confirm what
/// will be refused. Tags, pools and whether a guest exists come from GET /cluster/resources?type=vm, fetched only
/// when a rule or the request needs them and reused for a moment (the early check and the request it guards);
/// every write that passes forgets it, so a change of tags or pools is seen by the next write.
/// </summary>
public sealed class GuestGuard(GuestRules protect, GuestRules allow, Func<CancellationToken, Task<IReadOnlyList<ClusterResource>>> resources, TimeProvider time)
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(2);
    private readonly Lock gate = new();
    private (IReadOnlyList<ClusterResource> Items, long At)? cache;

    public GuestRules Protect => protect;

    public GuestRules Allow => allow;

    public bool IsActive => !protect.IsEmpty || !allow.IsEmpty;

    /// <summary>Throws <see cref="GuestProtectedException"/> when the request may not be sent.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The API path after /api2/json, with or without a leading slash, segments percent-encoded.</param>
    /// <param name="parameters">Query and form parameters, decoded.</param>
    public async Task CheckAsync(string method, string path, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        if (!IsActive || method.Equals("GET", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var segments = path.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        var write = GuestWrite.Classify(method, segments, parameters);
        if (write.IsEmpty)
        {
            return;
        }

        var request = $"{method.ToUpperInvariant()} /{string.Join('/', segments)}";
        if (write.AllGuests && !allow.IsEmpty)
        {
            throw new GuestProtectedException(
                $"{request} would act on every guest (all=1 or a pool), but {allow.Setting} ({allow}) limits this server to some guests; nothing was sent. " +
                "Name the guests (vmid list) instead.");
        }

        var known = await ResourcesAsync(write, cancellationToken);
        var touches = write.Guests.ToList();
        if (write.AllGuestsOfNode is { } node)
        {
            touches.AddRange((known ?? [])
                .Where(r => r.VmId is not null && string.Equals(r.Node, node, StringComparison.Ordinal))
                .Select(r => new GuestTouch(r.VmId!.Value, null, write.AllOfNodeDestructive)));
        }

        foreach (var touch in touches)
        {
            Check(touch, known, request, write.AllGuestsOfNode);
        }
    }

    /// <summary>The early check a tool makes before it asks for confirmation: the request it is about to send.</summary>
    public Task CheckAsync(HttpMethod method, Http.PvePath path, Http.PveParameters? parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        return CheckAsync(method.Method, path.Value, parameters?.Items ?? [], cancellationToken);
    }

    /// <summary>Forgets the cached guest list (called after every write that was let through).</summary>
    public void Forget()
    {
        lock (gate)
        {
            cache = null;
        }
    }

    private void Check(GuestTouch touch, IReadOnlyList<ClusterResource>? known, string request, string? node)
    {
        var guest = known?.FirstOrDefault(r => r.VmId == touch.VmId && r.Type is "qemu" or "lxc");
        var tags = guest?.Tags?.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var kind = touch.Kind ?? guest?.Type switch { "qemu" => "VM", "lxc" => "Container", _ => "Guest" };
        var name = $"{kind} {touch.VmId.ToString(CultureInfo.InvariantCulture)}{(string.IsNullOrEmpty(guest?.Name) ? "" : $" '{guest.Name}'")}";
        var via = node is null ? "" : $" (it runs on node {node}, which {request} acts on as a whole)";
        var exists = guest is not null || known is null;
        var destructive = touch.Destructive || (touch.Creates && guest is not null);

        if (destructive && exists && protect.Match(touch.VmId, tags, guest?.Pool) is { } rule)
        {
            throw new GuestProtectedException(
                $"{name} is protected by {protect.Setting} ({rule}){via}; nothing was sent ({request}). A protected guest may only be started, resumed, " +
                "snapshotted, backed up or cloned; no argument or confirmation overrides this. Tell the user; only the operator can change " +
                $"{protect.Setting} (and restart the server).")
            { VmId = touch.VmId };
        }

        if (!allow.IsEmpty && allow.Match(touch.VmId, tags, guest?.Pool) is null)
        {
            throw new GuestProtectedException(
                $"{name} is not among the guests this server may change ({allow.Setting}={allow}){via}; nothing was sent ({request}). " +
                $"Tell the user; only the operator can change {allow.Setting} (and restart the server).")
            { VmId = touch.VmId };
        }
    }

    /// <summary>The cluster's guests when a rule or the request needs them: tags, pools, existence (restore over a guest), node membership.</summary>
    private async Task<IReadOnlyList<ClusterResource>?> ResourcesAsync(GuestWrite write, CancellationToken cancellationToken)
    {
        var needed = protect.NeedsResources || allow.NeedsResources || write.AllGuestsOfNode is not null
            || (!protect.IsEmpty && write.Guests.Any(g => g.Creates));
        if (!needed)
        {
            return null;
        }

        lock (gate)
        {
            if (cache is { } c && time.GetElapsedTime(c.At) < CacheLifetime)
            {
                return c.Items;
            }
        }

        var items = await resources(cancellationToken);
        lock (gate)
        {
            cache = (items, time.GetTimestamp());
        }

        return items;
    }
}
