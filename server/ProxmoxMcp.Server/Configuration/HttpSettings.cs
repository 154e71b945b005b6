namespace ProxmoxMcp.Server.Configuration;

/// <summary>Settings of <c>serve --http</c>: TLS files, the token file and the limits. Unused on stdio.</summary>
public sealed record HttpSettings
{
    public const string DefaultTokenFile = "/etc/proxmox-mcp/http-tokens";

    /// <summary>PEM certificate (with its chain) served on non-loopback addresses; TLS is required there.</summary>
    public string? CertificateFile { get; init; }

    /// <summary>PEM private key of <see cref="CertificateFile"/>.</summary>
    public string? KeyFile { get; init; }

    /// <summary>The file of hashed bearer tokens (<c>http-token add</c> appends to it).</summary>
    public string TokenFile { get; init; } = DefaultTokenFile;

    /// <summary>HTTP requests one token may make per minute (a token's own <c>rate=N/min</c> overrides it).</summary>
    public int RequestsPerMinute { get; init; } = 300;

    /// <summary>Largest request body accepted, in bytes.</summary>
    public int MaxRequestBodyBytes { get; init; } = 1024 * 1024;
}
