using System.Globalization;

namespace ProxmoxMcp.Proxmox;

/// <summary>A guest id (PVE format <c>pve-vmid</c>: 100 to 999999999), shared by VMs and containers.</summary>
public readonly record struct VmId : IPathSegment
{
    public const int Min = 100;
    public const int Max = 999_999_999;

    private VmId(int value) => Value = value;

    public int Value { get; }

    string IPathSegment.Segment => Wire;

    /// <summary>The value to send; refuses a default (never parsed, 0) instance.</summary>
    internal string Wire => Value >= Min ? Value.ToString(CultureInfo.InvariantCulture) : throw IdentifierText.Unset("vmid", "VmId.Parse or VmId.From");

    public static VmId From(long value, string parameterName = "vmid") =>
        value is >= Min and <= Max
            ? new VmId((int)value)
            : throw new ProxmoxArgumentException(
                parameterName,
                $"{parameterName} {value.ToString(CultureInfo.InvariantCulture)} is out of range: guest ids are whole numbers from {Min} to {Max}.");

    public static VmId Parse(string? value, string parameterName = "vmid") =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? From(number, parameterName)
            : throw new ProxmoxArgumentException(
                parameterName,
                $"{parameterName} {IdentifierText.Quote(value)} is not a guest id: use a whole number from {Min} to {Max}, e.g. 100.");

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
