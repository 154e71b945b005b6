using System.Globalization;
using System.Text;

namespace ProxmoxMcp.Proxmox.Http;

/// <summary>
/// Request parameters as PVE reads them: strings on the wire, booleans as 0/1, absent values left out.
/// Encoded once, for a query string or an application/x-www-form-urlencoded body.
/// </summary>
public sealed class PveParameters
{
    private readonly List<KeyValuePair<string, string>> items = [];

    public static PveParameters None => new();

    public IReadOnlyList<KeyValuePair<string, string>> Items => items;

    public bool IsEmpty => items.Count == 0;

    public PveParameters Add(string name, string? value)
    {
        if (value is not null)
        {
            items.Add(new(name, value));
        }

        return this;
    }

    public PveParameters Add(string name, long? value) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public PveParameters Add(string name, double? value) =>
        Add(name, value?.ToString("0.###", CultureInfo.InvariantCulture));

    public PveParameters Add(string name, bool? value) =>
        Add(name, value is null ? null : value.Value ? "1" : "0");

    // Identifiers: absent (null) is left out; a default (never parsed) identifier is refused, never sent as 0 or "".
    public PveParameters Add(string name, VmId? value) => Add(name, value?.Wire);

    public PveParameters Add(string name, NodeName? value) => Add(name, value?.Wire);

    public PveParameters Add(string name, StorageId? value) => Add(name, value?.Wire);

    public PveParameters Add(string name, VolumeId? value) => Add(name, value?.Wire);

    public PveParameters Add(string name, PoolId? value) => Add(name, value?.Wire);

    public PveParameters Add(string name, SnapshotName? value) => Add(name, value?.Wire);

    /// <summary>Percent-encodes every reserved character, so '+', ',', '=' and ':' survive (e.g. <c>size=%2B10G</c>).</summary>
    public string Encode()
    {
        var sb = new StringBuilder();
        foreach (var (name, value) in items)
        {
            if (sb.Length > 0)
            {
                sb.Append('&');
            }

            sb.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return sb.ToString();
    }
}
