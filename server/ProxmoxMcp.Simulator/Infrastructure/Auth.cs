using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ProxmoxMcp.Simulator.Infrastructure;

/// <summary>Who is calling, and what privileges they have where.</summary>
internal sealed class Principal
{
    public static readonly string[] AllPrivileges =
    [
        "Datastore.Allocate", "Datastore.AllocateSpace", "Datastore.AllocateTemplate", "Datastore.Audit",
        "Group.Allocate", "Mapping.Audit", "Mapping.Modify", "Mapping.Use", "Permissions.Modify",
        "Pool.Allocate", "Pool.Audit", "Realm.Allocate", "Realm.AllocateUser", "SDN.Allocate", "SDN.Audit", "SDN.Use",
        "Sys.AccessNetwork", "Sys.Audit", "Sys.Console", "Sys.Incoming", "Sys.Modify", "Sys.PowerMgmt", "Sys.Syslog",
        "User.Modify", "VM.Allocate", "VM.Audit", "VM.Backup", "VM.Clone", "VM.Config.CDROM", "VM.Config.CPU",
        "VM.Config.Cloudinit", "VM.Config.Disk", "VM.Config.HWType", "VM.Config.Memory", "VM.Config.Network",
        "VM.Config.Options", "VM.Console", "VM.GuestAgent.Audit", "VM.GuestAgent.FileRead", "VM.GuestAgent.FileSystemMgmt",
        "VM.GuestAgent.FileWrite", "VM.GuestAgent.Unrestricted", "VM.Migrate", "VM.PowerMgmt", "VM.Replicate",
        "VM.Snapshot", "VM.Snapshot.Rollback",
    ];

    /// <summary>The PVEAuditor role.</summary>
    public static readonly string[] AuditorPrivileges =
    [
        "Datastore.Audit", "Mapping.Audit", "Pool.Audit", "SDN.Audit", "Sys.Audit", "VM.Audit", "VM.GuestAgent.Audit",
    ];

    private readonly HashSet<string> _privs;

    public Principal(string userId, IEnumerable<string> privileges)
    {
        UserId = userId;
        _privs = new HashSet<string>(privileges, StringComparer.Ordinal);
    }

    /// <summary>root@pam, root@pam!mcp, auditor@pve!readonly...</summary>
    public string UserId { get; }

    /// <summary>The user part (token ids are USER!TOKEN).</summary>
    public string User => UserId.Contains('!', StringComparison.Ordinal) ? UserId[..UserId.IndexOf('!', StringComparison.Ordinal)] : UserId;

    public string? TokenName => UserId.Contains('!', StringComparison.Ordinal) ? UserId[(UserId.IndexOf('!', StringComparison.Ordinal) + 1)..] : null;

    public bool IsToken => TokenName is not null;

    /// <summary>Exactly root@pam (a ticket): PVE skips all permission checks for it.</summary>
    public bool IsRootUser => UserId == "root@pam";

    public bool ViaApiToken { get; init; }

    public string? Ticket { get; init; }

    /// <summary>Privileges apply to every path (the demo ACLs are all on "/" with propagation).</summary>
    public bool Has(string path, string priv) => IsRootUser || _privs.Contains(priv);

    public IReadOnlyCollection<string> Privileges => IsRootUser ? AllPrivileges : _privs;
}

/// <summary>Ticket, CSRF token and API token handling as pve-http-server / PVE::AccessControl do it.</summary>
internal sealed partial class AuthService
{
    private readonly byte[] _key;
    private readonly SimulatorOptions _options;
    private readonly FaultInjector _faults;
    private readonly Dictionary<string, int> _ticketUses = new(StringComparer.Ordinal);

    public AuthService(SimulatorOptions options, FaultInjector faults)
    {
        _options = options;
        _faults = faults;
        _key = SHA256.HashData(Encoding.UTF8.GetBytes($"pve-sim-ticket-key/{options.Seed}"));
    }

    public Principal PrincipalFor(string userId, bool viaToken = false, string? ticket = null)
    {
        IEnumerable<string> privs = userId switch
        {
            "root@pam" or SimulatedCredentials.AdminTokenId => Principal.AllPrivileges,
            SimulatedCredentials.AuditorUser => Principal.AuditorPrivileges,
            SimulatedCredentials.AuditorTokenId => _options.AuditorHasAcl ? Principal.AuditorPrivileges : [],
            _ => [],
        };
        return new Principal(userId, privs) { ViaApiToken = viaToken, Ticket = ticket };
    }

    /// <summary>Check a password login; returns the user id or null.</summary>
    public static string? CheckPassword(string username, string password) => username switch
    {
        SimulatedCredentials.AdminUser when password == SimulatedCredentials.AdminPassword => username,
        SimulatedCredentials.AuditorUser when password == SimulatedCredentials.AuditorPassword => username,
        _ => null,
    };

    public string IssueTicket(string user, DateTimeOffset now)
    {
        var data = string.Create(CultureInfo.InvariantCulture, $"PVE:{user}:{now.ToUnixTimeSeconds():X8}");
        return data + "::" + Sign(data);
    }

    /// <summary>The user of a valid, unexpired ticket, or null.</summary>
    public string? VerifyTicket(string ticket, DateTimeOffset now)
    {
        var m = TicketRegex().Match(ticket);
        if (!m.Success)
        {
            return null;
        }

        var data = m.Groups[1].Value;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(data)), Encoding.ASCII.GetBytes(m.Groups[4].Value)))
        {
            return null;
        }

        var age = now.ToUnixTimeSeconds() - long.Parse(m.Groups[3].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (age < -300 || age > (long)_options.TicketLifetime.TotalSeconds)
        {
            return null;
        }

        return m.Groups[2].Value;
    }

    /// <summary>Count a use of the ticket; false when the fault "ticket expires after N requests" says it is used up.</summary>
    public bool CountTicketUse(string ticket)
    {
        var limit = _faults.TicketRequestLimit;
        _ticketUses.TryGetValue(ticket, out var n);
        n++;
        _ticketUses[ticket] = n;
        return limit is null || n <= limit;
    }

    public string CsrfToken(string user, DateTimeOffset now)
    {
        var ts = now.ToUnixTimeSeconds().ToString("X8", CultureInfo.InvariantCulture);
        return ts + ":" + Sign(ts + ":" + user);
    }

    public bool VerifyCsrf(string user, string? token, DateTimeOffset now)
    {
        if (token is null)
        {
            return false;
        }

        var m = CsrfRegex().Match(token);
        if (!m.Success)
        {
            return false;
        }

        var ts = m.Groups[1].Value;
        if (!string.Equals(Sign(ts + ":" + user), m.Groups[2].Value, StringComparison.Ordinal))
        {
            return false;
        }

        var age = now.ToUnixTimeSeconds() - long.Parse(ts, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return age >= -300 && age <= (long)_options.TicketLifetime.TotalSeconds;
    }

    /// <summary>PVE::AccessControl::verify_token: "USER@REALM!TOKENID=SECRET".</summary>
    public static string? VerifyApiToken(string value)
    {
        var eq = value.LastIndexOf('=');
        if (eq < 0)
        {
            return null;
        }

        var tokenId = value[..eq];
        var secret = value[(eq + 1)..];
        return tokenId switch
        {
            SimulatedCredentials.AdminTokenId when secret == SimulatedCredentials.AdminTokenSecret => tokenId,
            SimulatedCredentials.AuditorTokenId when secret == SimulatedCredentials.AuditorTokenSecret => tokenId,
            _ => null,
        };
    }

    /// <summary>PVE::APIServer::Formatter::extract_auth_value.</summary>
    public static string? ExtractAuthValue(string? header, string key)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        var m = Regex.Match(header, @"(?:^|\s)" + Regex.Escape(key) + @"(?:=| )([^;]*)", RegexOptions.CultureInvariant);
        if (!m.Success || m.Groups[1].Value.Length == 0)
        {
            return null;
        }

        return Uri.UnescapeDataString(m.Groups[1].Value);
    }

    /// <summary>The "cap" map of POST /access/ticket (compute_api_permission).</summary>
    public static JsonObject Capabilities(Principal p)
    {
        static JsonObject Group(Principal p, params string[] prefixes)
        {
            var o = new JsonObject();
            foreach (var priv in p.Privileges.Where(x => prefixes.Any(pre => x.StartsWith(pre, StringComparison.Ordinal))).Order(StringComparer.Ordinal))
            {
                o[priv] = 1;
            }

            return o;
        }

        return new JsonObject
        {
            ["access"] = Group(p, "User.", "Group.", "Permissions."),
            ["dc"] = Group(p, "Sys.Audit", "Sys.Modify", "SDN."),
            ["mapping"] = Group(p, "Mapping."),
            ["nodes"] = Group(p, "Sys."),
            ["sdn"] = Group(p, "SDN."),
            ["storage"] = Group(p, "Datastore."),
            ["vms"] = Group(p, "VM.", "Permissions."),
        };
    }

    private string Sign(string data) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(data))).TrimEnd('=');

    [GeneratedRegex(@"^(PVE:([^:\s]+):([0-9A-F]{8}))::(\S+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex TicketRegex();

    [GeneratedRegex(@"^([0-9A-F]{8}):(\S+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex CsrfRegex();
}
