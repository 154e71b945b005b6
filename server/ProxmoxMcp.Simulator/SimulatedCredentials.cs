namespace ProxmoxMcp.Simulator;

/// <summary>
/// Well-known demo credentials of the simulator. They are documented, fixed values and not secrets:
/// they only open the simulated cluster.
/// </summary>
public static class SimulatedCredentials
{
    /// <summary>Full-privilege API token (not privilege separated) of root@pam.</summary>
    public const string AdminTokenId = "root@pam!mcp";

    /// <summary>Secret of <see cref="AdminTokenId"/>.</summary>
    public const string AdminTokenSecret = "5e1f6d1a-0000-4000-8000-00000000demo";

    /// <summary>Privilege-separated token with the PVEAuditor role on "/" (read-only).</summary>
    public const string AuditorTokenId = "auditor@pve!readonly";

    /// <summary>Secret of <see cref="AuditorTokenId"/>.</summary>
    public const string AuditorTokenSecret = "a0d1e7c2-0000-4000-8000-0000000audit";

    /// <summary>User for password login (POST /access/ticket).</summary>
    public const string AdminUser = "root@pam";

    /// <summary>Password of <see cref="AdminUser"/>.</summary>
    public const string AdminPassword = "demo-password";

    /// <summary>Password of the auditor user (auditor@pve) for ticket login.</summary>
    public const string AuditorUser = "auditor@pve";

    /// <summary>Password of <see cref="AuditorUser"/>.</summary>
    public const string AuditorPassword = "audit-password";

    /// <summary>The Authorization header value of the admin token.</summary>
    public static string AdminAuthorizationHeader => $"PVEAPIToken={AdminTokenId}={AdminTokenSecret}";

    /// <summary>The Authorization header value of the auditor token.</summary>
    public static string AuditorAuthorizationHeader => $"PVEAPIToken={AuditorTokenId}={AuditorTokenSecret}";
}
