namespace ProxmoxMcp.Bridge.Configuration;

/// <summary>How the bridge authenticates itself and checks the server on a TLS link.</summary>
internal sealed record TlsSettings
{
    /// <summary>The name the server certificate must carry, also sent as SNI when it is a host name.</summary>
    public required string ServerName { get; init; }

    /// <summary>PEM file of the CA(s) the server certificate must chain to; null means the system trust store.</summary>
    public string? CaFile { get; init; }

    /// <summary>Upper-case hex SHA-256 of the server's leaf certificate (no colons), or null.</summary>
    public string? ServerFingerprint { get; init; }

    /// <summary>PFX/PKCS#12 or PEM certificate file, or null for no client certificate.</summary>
    public string? ClientCertificateFile { get; init; }

    /// <summary>PEM private key when the certificate file has none.</summary>
    public string? ClientKeyFile { get; init; }

    public string? ClientCertificatePassword { get; init; }

    /// <summary>The password never reaches a log line through ToString.</summary>
    public override string ToString() =>
        $"TlsSettings {{ ServerName = {ServerName}, CaFile = {CaFile}, ServerFingerprint = {ServerFingerprint}, " +
        $"ClientCertificateFile = {ClientCertificateFile}, ClientKeyFile = {ClientKeyFile}, ClientCertificatePassword = {(ClientCertificatePassword is null ? "none" : "***")} }}";
}
