namespace ProxmoxMcp.Bridge;

/// <summary>The bridge's process exit codes (documented in docs/BRIDGE.md).</summary>
internal static class ExitCodes
{
    /// <summary>Standard input closed, or stopped by Ctrl+C / SIGTERM, or the client closed standard output.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected internal error.</summary>
    public const int InternalError = 1;

    /// <summary>Bad command line, environment variable or TLS material.</summary>
    public const int Usage = 2;

    /// <summary>The server could not be reached within --max-retries attempts.</summary>
    public const int GaveUp = 3;
}
