using System.Text.RegularExpressions;

namespace ProxmoxMcp.Proxmox;

/// <summary>
/// A storage volume id <c>STORAGE:NAME</c>, e.g. <c>local:iso/debian-12.iso</c>, <c>local-lvm:vm-100-disk-0</c> or
/// <c>local:backup/vzdump-qemu-100-2025_01_01-00_00_00.vma.zst</c>.
/// </summary>
public readonly partial record struct VolumeId : IPathSegment
{
    private readonly StorageId storage;

    private VolumeId(StorageId storage, string value)
    {
        this.storage = storage;
        Value = value;
    }

    public StorageId Storage => Value is null ? throw IdentifierText.Unset("volume", "VolumeId.Parse") : storage;

    public string Value { get; }

    string IPathSegment.Segment => Wire;

    /// <summary>The value to send; refuses a default (never parsed) instance.</summary>
    internal string Wire => Value ?? throw IdentifierText.Unset("volume", "VolumeId.Parse");

    /// <summary>The part after <c>STORAGE:</c>.</summary>
    public string Name => Wire[(Wire.IndexOf(':', StringComparison.Ordinal) + 1)..];

    public static VolumeId Parse(string? value, string parameterName = "volume")
    {
        var match = value is { Length: <= 512 } ? Pattern().Match(value) : Match.Empty;
        if (!match.Success || value!.Contains("..", StringComparison.Ordinal)
            || !StorageId.TryParse(match.Groups["storage"].Value, out var storage))
        {
            throw new ProxmoxArgumentException(
                parameterName,
                $"{parameterName} {IdentifierText.Quote(value)} is not a volume id: use STORAGE:NAME as get_storage_content " +
                "shows it (e.g. 'local:iso/debian-12.iso' or 'local:backup/vzdump-qemu-100-2025_01_01-00_00_00.vma.zst').");
        }

        return new VolumeId(storage, value);
    }

    public override string ToString() => Value;

    [GeneratedRegex(@"^(?<storage>[a-zA-Z][a-zA-Z0-9_.-]*[a-zA-Z0-9]):(?<name>[a-zA-Z0-9_.+-][a-zA-Z0-9_.+/=:-]*)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
