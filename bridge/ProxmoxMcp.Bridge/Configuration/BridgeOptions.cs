namespace ProxmoxMcp.Bridge.Configuration;

/// <summary>The bridge's settings as options and environment variables. An option given on the command line wins.</summary>
internal static class BridgeOptions
{
    public static readonly OptionSpec Host = new("--host", "MCP_HOST", "name",
        "Host name or address of the Linux VM running the MCP service (required).");

    public static readonly OptionSpec Port = new("--port", "MCP_PORT", "port",
        "TCP port of the MCP service. Default 3100.");

    public static readonly OptionSpec Tls = new("--tls", "MCP_TLS", "",
        "Use TLS. Implied by --ca-file, --client-cert and --server-fingerprint.", IsFlag: true);

    public static readonly OptionSpec CaFile = new("--ca-file", "MCP_CA_FILE", "pem",
        "PEM file with the CA the server certificate must chain to (instead of the system trust store).");

    public static readonly OptionSpec ClientCert = new("--client-cert", "MCP_CLIENT_CERT", "file",
        "Client certificate: PFX/PKCS#12, or PEM (key in the same file or in --client-key).");

    public static readonly OptionSpec ClientKey = new("--client-key", "MCP_CLIENT_KEY", "pem",
        "PEM private key for a PEM --client-cert that does not contain its key.");

    public static readonly OptionSpec ClientCertPassword = new("--client-cert-password", "MCP_CLIENT_CERT_PASSWORD", "password",
        "Password of the PFX or of an encrypted PEM key. Prefer the environment variable; it is never logged.");

    public static readonly OptionSpec ServerFingerprint = new("--server-fingerprint", "MCP_SERVER_FINGERPRINT", "sha256",
        "Pin the server's leaf certificate by its SHA-256 fingerprint (hex, colons optional, any case).");

    public static readonly OptionSpec ServerName = new("--server-name", "MCP_SERVER_NAME", "name",
        "Name the server certificate must carry (and SNI). Default: the host.");

    public static readonly OptionSpec ConnectTimeout = new("--connect-timeout", "MCP_CONNECT_TIMEOUT", "duration",
        "Time limit for one connect attempt, TLS handshake included. Default 10s.");

    public static readonly OptionSpec MaxRetries = new("--max-retries", "MCP_MAX_RETRIES", "count|unlimited",
        "Reconnect attempts per outage before giving up (exit code 3). Default unlimited.");

    public static readonly OptionSpec MaxBackoff = new("--max-backoff", "MCP_MAX_BACKOFF", "duration",
        "Longest wait between reconnect attempts (exponential backoff with jitter up to this). Default 30s.");

    public static readonly OptionSpec QueueMaxMessages = new("--queue-max-messages", "MCP_QUEUE_MAX_MESSAGES", "count",
        "Client messages held while the server is unreachable. Default 1000.");

    public static readonly OptionSpec QueueMaxBytes = new("--queue-max-bytes", "MCP_QUEUE_MAX_BYTES", "size",
        "Bytes of client messages held while the server is unreachable. Default 64MiB.");

    public static readonly OptionSpec QueueDeadline = new("--queue-deadline", "MCP_QUEUE_DEADLINE", "duration",
        "How long a held message waits for the server before requests get an error reply. Default 30s.");

    public static readonly OptionSpec IdlePing = new("--idle-ping", "MCP_IDLE_PING", "duration",
        "Send an MCP ping after this long without a byte from the server; 0 turns pings off. Default 30s.");

    public static readonly OptionSpec PingTimeout = new("--ping-timeout", "MCP_PING_TIMEOUT", "duration",
        "A ping unanswered for this long marks the connection dead. Default 10s.");

    public static readonly OptionSpec MaxMessageSize = new("--max-message-size", "MCP_MAX_MESSAGE_SIZE", "size",
        "Longest message (one JSON-RPC line) in either direction. Default 64MiB.");

    public static readonly OptionSpec DrainTimeout = new("--drain-timeout", "MCP_DRAIN_TIMEOUT", "duration",
        "After standard input closes, how long to wait for pending replies before exiting. Default 5s.");

    public static readonly OptionSpec LogLevel = new("--log-level", "MCP_LOG_LEVEL", "level",
        "trace, debug, info, warn, error or none. Default info.");

    public static readonly OptionSpec LogFile = new("--log-file", "MCP_LOG_FILE", "path",
        "Also append the log to this file.");

    public static IReadOnlyList<OptionSpec> All { get; } =
    [
        Host, Port, Tls, CaFile, ClientCert, ClientKey, ClientCertPassword, ServerFingerprint, ServerName,
        ConnectTimeout, MaxRetries, MaxBackoff, QueueMaxMessages, QueueMaxBytes, QueueDeadline,
        IdlePing, PingTimeout, MaxMessageSize, DrainTimeout, LogLevel, LogFile,
    ];
}
