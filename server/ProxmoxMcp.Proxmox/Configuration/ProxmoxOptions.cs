namespace ProxmoxMcp.Proxmox.Configuration;

/// <summary>How to reach and authenticate to the Proxmox VE API. Secrets are never part of <see cref="ToString"/>.</summary>
public sealed class ProxmoxOptions
{
    /// <summary>Host name or address of any cluster node (PROXMOX_HOST); a URL such as https://pve:8006 is accepted too.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 8006;

    /// <summary>Further node addresses of the same cluster, tried in this order when the current one cannot be connected to.</summary>
    public IReadOnlyList<string> FailoverHosts { get; set; } = [];

    /// <summary>The cluster's name when several are served (for messages); null for the single cluster.</summary>
    public string? ClusterName { get; set; }

    /// <summary>User name without realm (PROXMOX_USERNAME, default root), or a full user id such as admin@pve.</summary>
    public string Username { get; set; } = "root";

    public string Realm { get; set; } = "pam";

    /// <summary>API token name (PROXMOX_TOKEN_ID): either the bare name (combined with user and realm) or user@realm!name.</summary>
    public string? TokenId { get; set; }

    public string? TokenSecret { get; set; }

    /// <summary>Password for ticket authentication (PROXMOX_PASSWORD), used when no token is configured.</summary>
    public string? Password { get; set; }

    /// <summary>PROXMOX_VERIFY_SSL; false accepts any certificate (insecure; kept for compatibility).</summary>
    public bool VerifySsl { get; set; } = true;

    /// <summary>PEM file with the CA(s) to trust, e.g. the cluster's /etc/pve/pve-root-ca.pem.</summary>
    public string? CaFile { get; set; }

    /// <summary>SHA-256 fingerprint of the node's certificate to pin (colons optional, any case).</summary>
    public string? Fingerprint { get; set; }

    /// <summary>Time allowed for one HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Time allowed for one API call including its retries.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Retries of a GET after a transient failure; POST, PUT and DELETE are never retried.</summary>
    public int MaxGetRetries { get; set; } = 2;

    /// <summary>PROXMOX_MCP_PROTECT: guests no destructive request may reach, whatever the arguments or confirmation.</summary>
    public Protection.GuestRules Protect { get; set; } = Protection.GuestRules.None;

    /// <summary>PROXMOX_MCP_ALLOW: when not empty, the only guests any write may reach.</summary>
    public Protection.GuestRules Allow { get; set; } = Protection.GuestRules.None;

    public ProxmoxAuthMode AuthMode =>
        !string.IsNullOrEmpty(TokenId) && !string.IsNullOrEmpty(TokenSecret) ? ProxmoxAuthMode.Token
        : !string.IsNullOrEmpty(Password) ? ProxmoxAuthMode.Password
        : ProxmoxAuthMode.None;

    /// <summary>The user id, <c>user@realm</c>.</summary>
    public string UserId => Username.Contains('@', StringComparison.Ordinal) ? Username : $"{Username}@{Realm}";

    /// <summary>The full token id, <c>user@realm!name</c>.</summary>
    public string? FullTokenId =>
        string.IsNullOrEmpty(TokenId) ? null
        : TokenId.Contains('!', StringComparison.Ordinal) ? TokenId
        : $"{UserId}!{TokenId}";

    /// <summary>https://host:port/api2/json/</summary>
    public Uri BaseAddress => ToBaseAddress(Host);

    /// <summary><see cref="BaseAddress"/>, then one per <see cref="FailoverHosts"/> entry (duplicates dropped): the failover order.</summary>
    public IReadOnlyList<Uri> BaseAddresses =>
        [.. FailoverHosts.Select(ToBaseAddress).Prepend(BaseAddress).DistinctBy(u => u.Authority, StringComparer.OrdinalIgnoreCase)];

    private bool IsAddress(string? address)
    {
        try
        {
            return !string.IsNullOrWhiteSpace(address) && Uri.CheckHostName(ToBaseAddress(address).Host) != UriHostNameType.Unknown;
        }
        catch (UriFormatException)
        {
            return false;
        }
    }

    private Uri ToBaseAddress(string? address)
    {
        var host = (address ?? "").Trim();
        if (host.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(host, UriKind.Absolute, out var url))
        {
            return new UriBuilder("https", url.Host, url.IsDefaultPort ? Port : url.Port, "/api2/json/").Uri;
        }

        return new UriBuilder("https", host, Port, "/api2/json/").Uri;
    }

    /// <summary>Problems that stop the client from working, each naming the setting to fix.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host))
        {
            problems.Add("PROXMOX_HOST is not set: set it to the name or address of a cluster node (or use --simulate to try the simulated cluster).");
        }
        else if (Uri.CheckHostName(BaseAddress.Host) == UriHostNameType.Unknown)
        {
            problems.Add($"PROXMOX_HOST '{Host}' is not a valid host name or address.");
        }

        foreach (var extra in FailoverHosts)
        {
            if (!IsAddress(extra))
            {
                problems.Add($"The node address '{extra}' is not a valid host name or address.");
            }
        }

        if (Port is < 1 or > 65535)
        {
            problems.Add($"PROXMOX_PORT {Port} is not a TCP port (1-65535; Proxmox uses 8006).");
        }

        if (AuthMode == ProxmoxAuthMode.None)
        {
            problems.Add(!string.IsNullOrEmpty(TokenId)
                ? "PROXMOX_TOKEN_SECRET is not set: it is the UUID shown once when the token was created."
                : "No credentials: set PROXMOX_TOKEN_ID and PROXMOX_TOKEN_SECRET (recommended), or PROXMOX_PASSWORD.");
        }

        if (FullTokenId is { } token && !System.Text.RegularExpressions.Regex.IsMatch(token, @"^[^\s@!:=]+@[A-Za-z][A-Za-z0-9.\-_]+![A-Za-z][A-Za-z0-9.\-_]+\z"))
        {
            problems.Add($"PROXMOX_TOKEN_ID '{TokenId}' is not a token id: use the token name (e.g. 'mcp') with PROXMOX_USERNAME/PROXMOX_REALM, or the full 'user@realm!name'.");
        }

        if (Fingerprint is not null && !CertificateFingerprint.TryNormalizeList(Fingerprint, out _))
        {
            problems.Add("PROXMOX_FINGERPRINT is not a SHA-256 fingerprint: expected 64 hex digits, with or without ':' (as the Proxmox GUI shows under Certificates), several separated by ','.");
        }

        if (CaFile is not null && !File.Exists(CaFile))
        {
            problems.Add($"PROXMOX_CA_FILE '{CaFile}' does not exist.");
        }

        if (AttemptTimeout <= TimeSpan.Zero || TotalTimeout <= TimeSpan.Zero)
        {
            problems.Add("Timeouts must be positive.");
        }

        return problems;
    }

    public override string ToString() =>
        $"{BaseAddress} as {(AuthMode == ProxmoxAuthMode.Token ? "token " + FullTokenId : AuthMode == ProxmoxAuthMode.Password ? "user " + UserId : "(no credentials)")}";
}

public enum ProxmoxAuthMode
{
    None,
    Token,
    Password,
}
