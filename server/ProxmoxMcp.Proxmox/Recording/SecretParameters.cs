namespace ProxmoxMcp.Proxmox.Recording;

/// <summary>
/// Which parameter and argument names carry secrets, so that previews and the audit log never hold one: any name
/// containing "password", "secret", "token" or "keyring", and the names "otp", "totp" and "encryption-key"
/// (PVE's cipassword, password, smtp/gotify/webhook secrets and tokens, Ceph keyrings, TOTP values).
/// </summary>
public static class SecretParameters
{
    public const string Mask = "***";

    private static readonly string[] Fragments = ["password", "secret", "token", "keyring"];

    private static readonly string[] Names = ["otp", "totp", "encryption-key"];

    public static bool IsSecret(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Fragments.Any(f => name.Contains(f, StringComparison.OrdinalIgnoreCase))
            || Names.Any(n => name.Equals(n, StringComparison.OrdinalIgnoreCase));
    }

    public static IReadOnlyList<KeyValuePair<string, string>> Redact(IEnumerable<KeyValuePair<string, string>> parameters) =>
        [.. parameters.Select(p => IsSecret(p.Key) ? new KeyValuePair<string, string>(p.Key, Mask) : p)];
}
