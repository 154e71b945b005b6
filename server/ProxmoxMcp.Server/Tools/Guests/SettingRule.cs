using System.Globalization;
using ModelContextProtocol;

namespace ProxmoxMcp.Server.Tools.Guests;

/// <summary>
/// One configuration key update_vm / update_container may change: how a value is checked and written as Proxmox
/// stores it, and whether it may be removed (<c>delete</c>) to fall back to Proxmox's default.
/// </summary>
public sealed record SettingRule(string Key, Func<string, string, string> Normalize, bool Deletable = true)
{
    public static SettingRule WholeNumber(string key, int min, int max, bool deletable = true) => new(
        key,
        (raw, argument) => long.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value.ToString(CultureInfo.InvariantCulture)
            : throw new McpException($"'{argument}' {GuestArguments.Quote(raw)} is not valid: a whole number from {min} to {max}."),
        deletable);

    public static SettingRule Number(string key, double min, double max) => new(
        key,
        (raw, argument) => double.TryParse(raw.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value.ToString("0.###", CultureInfo.InvariantCulture)
            : throw new McpException($"'{argument}' {GuestArguments.Quote(raw)} is not valid: a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}."));

    public static SettingRule Boolean(string key) => new(
        key,
        (raw, argument) => raw.Trim().ToLowerInvariant() switch
        {
            "1" or "true" => "1",
            "0" or "false" => "0",
            _ => throw new McpException($"'{argument}' {GuestArguments.Quote(raw)} is not valid: true or false."),
        });

    public static SettingRule Text(string key, int maxLength) => new(
        key,
        (raw, argument) => raw.Length <= maxLength
            ? raw
            : throw new McpException($"'{argument}' is too long: at most {maxLength} characters."));

    /// <summary>A rule whose check is one of <see cref="GuestArguments"/>' (they throw, naming the argument).</summary>
    public static SettingRule Checked(string key, Func<string, string, string?> check, bool deletable = true) =>
        new(key, (raw, argument) => check(raw, argument) ?? raw, deletable);
}
