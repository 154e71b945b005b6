using System.Text.RegularExpressions;

namespace ProxmoxMcp.Proxmox;

/// <summary>A storage id (PVE format <c>pve-storage-id</c>), e.g. <c>local</c> or <c>local-lvm</c>.</summary>
public readonly partial record struct StorageId : IPathSegment
{
    private StorageId(string value) => Value = value;

    public string Value { get; }

    string IPathSegment.Segment => Wire;

    /// <summary>The value to send; refuses a default (never parsed) instance.</summary>
    internal string Wire => Value ?? throw IdentifierText.Unset("storage", "StorageId.Parse");

    public static StorageId Parse(string? value, string parameterName = "storage") =>
        TryParse(value, out var storage)
            ? storage
            : throw new ProxmoxArgumentException(
                parameterName,
                $"{parameterName} {IdentifierText.Quote(value)} is not a valid storage id: it starts with a letter and " +
                "has letters, digits, '-', '_' or '.' (e.g. 'local-lvm'); get_storages lists them.");

    public static bool TryParse(string? value, out StorageId storage)
    {
        storage = default;
        if (value is null || value.Length is < 2 or > 100 || !Pattern().IsMatch(value))
        {
            return false;
        }

        storage = new StorageId(value);
        return true;
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_.-]*[a-zA-Z0-9]\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
