using System.Globalization;

namespace ProxmoxMcp.Server.Tools.Guests;

/// <summary>
/// A Proxmox property string as read from a guest config, e.g. <c>local-lvm:vm-100-disk-0,iothread=1,size=32G</c>
/// or <c>virtio=BC:24:11:00:00:01,bridge=vmbr0</c>: an optional leading value and key=value pairs.
/// </summary>
public sealed class PropertyString
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    private PropertyString()
    {
    }

    /// <summary>The first part when it has no '=' (a disk's volume), else null.</summary>
    public string? Leading { get; private set; }

    /// <summary>The first key=value pair (a NIC's model=MAC).</summary>
    public KeyValuePair<string, string>? First { get; private set; }

    public string? this[string key] => values.TryGetValue(key, out var value) ? value : null;

    public static PropertyString Parse(string? text)
    {
        var result = new PropertyString();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                result.Leading ??= part;
                continue;
            }

            var pair = new KeyValuePair<string, string>(part[..eq], part[(eq + 1)..]);
            result.First ??= pair;
            result.values.TryAdd(pair.Key, pair.Value);
        }

        return result;
    }

    /// <summary>A disk's volume: the leading value, or file= / volume=.</summary>
    public string? Volume => Leading ?? this["file"] ?? this["volume"];

    /// <summary>Bytes of a PVE size such as 32G, 512M, 1.5T or 4194304K (a bare number is bytes); null when absent or unreadable.</summary>
    public static long? SizeBytes(string? size)
    {
        if (string.IsNullOrWhiteSpace(size))
        {
            return null;
        }

        var text = size.Trim();
        var unit = char.ToUpperInvariant(text[^1]);
        var factor = unit switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, 'T' => 1L << 40, _ => 1L };
        var number = char.IsDigit(unit) ? text : text[..^1];
        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? (long)(value * factor) : null;
    }
}
