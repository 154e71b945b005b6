namespace ProxmoxMcp.Server.Configuration;

/// <summary>Environment variable names: the original server's PROXMOX_* names, plus PROXMOX_MCP_* for this server's own settings.</summary>
public static class SettingNames
{
    public const string Host = "PROXMOX_HOST";
    public const string Port = "PROXMOX_PORT";
    public const string Username = "PROXMOX_USERNAME";
    public const string Realm = "PROXMOX_REALM";
    public const string TokenId = "PROXMOX_TOKEN_ID";
    public const string TokenSecret = "PROXMOX_TOKEN_SECRET";
    public const string Password = "PROXMOX_PASSWORD";
    public const string VerifySsl = "PROXMOX_VERIFY_SSL";
    public const string CaFile = "PROXMOX_CA_FILE";
    public const string Fingerprint = "PROXMOX_FINGERPRINT";
    public const string Timeout = "PROXMOX_TIMEOUT";
    public const string ReadOnly = "PROXMOX_MCP_READONLY";
    public const string AllowAccessWrites = "PROXMOX_MCP_ALLOW_ACCESS_WRITES";
    public const string Protect = "PROXMOX_MCP_PROTECT";
    public const string Allow = "PROXMOX_MCP_ALLOW";
    public const string Tools = "PROXMOX_MCP_TOOLS";
    public const string ExcludeTools = "PROXMOX_MCP_EXCLUDE_TOOLS";
    public const string TaskTimeout = "PROXMOX_MCP_TASK_TIMEOUT";
    public const string ConfirmTimeout = "PROXMOX_MCP_CONFIRM_TIMEOUT";
    public const string Confirm = "PROXMOX_MCP_CONFIRM";
    public const string Simulate = "PROXMOX_MCP_SIMULATE";
    public const string LogLevel = "PROXMOX_MCP_LOG_LEVEL";
    public const string EnvFile = "PROXMOX_MCP_ENV_FILE";
    public const string Clusters = "PROXMOX_MCP_CLUSTERS";
    public const string GuestExec = "PROXMOX_MCP_GUEST_EXEC";
    public const string GuestExecAllow = "PROXMOX_MCP_GUEST_EXEC_ALLOW";
    public const string ListRows = "PROXMOX_MCP_LIST_ROWS";

    public const string AuditLog = "PROXMOX_MCP_AUDIT_LOG";

    /// <summary>Set by systemd for a unit with StateDirectory=: the audit log's default home.</summary>
    public const string StateDirectory = "STATE_DIRECTORY";

    public const string HttpCertificate = "PROXMOX_MCP_HTTP_CERT";
    public const string HttpKey = "PROXMOX_MCP_HTTP_KEY";
    public const string HttpTokens = "PROXMOX_MCP_HTTP_TOKENS";
    public const string HttpRateLimit = "PROXMOX_MCP_HTTP_RATE_LIMIT";
    public const string HttpMaxBody = "PROXMOX_MCP_HTTP_MAX_BODY";

    /// <summary>Settings that are secrets: accepted from the environment or an env file only, never from the command line.</summary>
    public static readonly IReadOnlySet<string> Secrets = new HashSet<string>(StringComparer.Ordinal) { TokenSecret, Password };
}
