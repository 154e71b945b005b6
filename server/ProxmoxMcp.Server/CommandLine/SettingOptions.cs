using System.CommandLine;
using System.Globalization;
using ProxmoxMcp.Server.Configuration;

namespace ProxmoxMcp.Server.CommandLine;

/// <summary>
/// The options every command takes, each bound to the environment variable it overrides. Secrets have no
/// command-line option (other users can read a process's command line); they come from the environment or an env file.
/// </summary>
public sealed class SettingOptions
{
    private readonly List<(Option Option, string Setting)> bindings = [];
    private readonly List<Option> httpOptions = [];

    public SettingOptions()
    {
        EnvFileOption = new Option<string?>("--env-file") { Description = $"Read settings from this KEY=VALUE file (default: .env in the working directory if present). [{SettingNames.EnvFile}]", Recursive = true };
        Bind<string?>("--host", SettingNames.Host, "Proxmox VE node to talk to (name or address).");
        Bind<int?>("--port", SettingNames.Port, "Proxmox API port (default 8006).");
        Bind<string?>("--username", SettingNames.Username, "User name (default root), or user@realm.");
        Bind<string?>("--realm", SettingNames.Realm, "Authentication realm (default pam).");
        Bind<string?>("--token-id", SettingNames.TokenId, "API token name, or the full user@realm!name. The secret comes from PROXMOX_TOKEN_SECRET.");
        Bind<bool?>("--verify-ssl", SettingNames.VerifySsl, "Verify the node's TLS certificate (default true; false is insecure, prefer --fingerprint).");
        Bind<string?>("--ca-file", SettingNames.CaFile, "PEM file of the CA to trust, e.g. a copy of /etc/pve/pve-root-ca.pem.");
        Bind<string?>("--fingerprint", SettingNames.Fingerprint, "SHA-256 fingerprint of the node's certificate to pin (as the GUI shows it).");
        Bind<int?>("--timeout", SettingNames.Timeout, "Seconds to wait for one Proxmox API request (default 20).");
        Bind<bool?>("--read-only", SettingNames.ReadOnly, "Offer only tools that change nothing.");
        Bind<bool?>("--allow-access-writes", SettingNames.AllowAccessWrites, "Let call_api_write change /access: users, tokens, ACLs (default false).");
        Bind<string?>("--protect", SettingNames.Protect, "Guests no destructive action may touch, whatever the confirmation: vmids, ranges (100-199), tag:NAME, pool:NAME.");
        Bind<string?>("--allow", SettingNames.Allow, "If set, the only guests any write may touch: vmids, ranges (100-199), tag:NAME, pool:NAME.");
        Bind<string?>("--tools", SettingNames.Tools, $"Tools to offer, comma-separated: {Tools.ToolSelection.Vocabulary}.");
        Bind<string?>("--exclude-tools", SettingNames.ExcludeTools, "Leave out these tools or toolsets (comma-separated).");
        Bind<int?>("--task-timeout", SettingNames.TaskTimeout, "Seconds a tool waits for the Proxmox task it started (default 120).");
        Bind<int?>("--confirm-timeout", SettingNames.ConfirmTimeout, "Seconds the user has to answer a confirmation question in the client (default 60).");
        Bind<string?>("--confirm", SettingNames.Confirm, "Consent for destructive tools: client (default: a client that can ask the user is asked and only its answer counts), auto (as client, but confirm is accepted after the question goes unanswered) or argument (confirm alone).");
        Bind<string?>("--guest-exec", SettingNames.GuestExec, "off (default) or allow-list: offer run_guest_command, running only the programs of --guest-exec-allow inside VMs.");
        Bind<string?>("--guest-exec-allow", SettingNames.GuestExecAllow, "Programs run_guest_command may run (comma-separated, matched exactly, e.g. uptime,df,systemctl).");
        Bind<string?>("--list-rows", SettingNames.ListRows, "Where a large list page's rows go: auto (default: by client), both, text or structured.");
        Bind<string?>("--clusters", SettingNames.Clusters, $"JSON file of the clusters to serve (default {ClustersFile.DefaultPath} if it exists); see docs/INSTALL.md.");
        Bind<bool?>("--simulate", SettingNames.Simulate, "Serve a built-in simulated Proxmox VE cluster instead of a real one.");
        Bind<string?>("--audit-log", SettingNames.AuditLog, "Append every write attempt to this hash-chained JSON-lines file (default: audit.log in systemd's STATE_DIRECTORY, else none; off turns it off).");
        Bind<string?>("--log-level", SettingNames.LogLevel, "Log level on stderr: trace, debug, info, warn (default), error or none (the bridge's names; information and warning work too).");
        BindHttp<string?>("--http-cert", SettingNames.HttpCertificate, "PEM certificate (chain) for serve --http; TLS is required except on loopback.");
        BindHttp<string?>("--http-key", SettingNames.HttpKey, "PEM private key of --http-cert.");
        BindHttp<string?>("--http-tokens", SettingNames.HttpTokens, $"File of hashed bearer tokens (default {HttpSettings.DefaultTokenFile}).");
        BindHttp<int?>("--http-rate-limit", SettingNames.HttpRateLimit, "HTTP requests per minute per token (default 300).");
        BindHttp<int?>("--http-max-body", SettingNames.HttpMaxBody, "Largest HTTP request body in bytes (default 1048576).");
    }

    public Option<string?> EnvFileOption { get; }

    /// <summary>The options of every command (recursive from the root), without the HTTP ones.</summary>
    public IEnumerable<Option> All => bindings.Select(b => b.Option).Where(o => !httpOptions.Contains(o)).Prepend(EnvFileOption);

    /// <summary>The options only `serve` and `http-token` take.</summary>
    public IEnumerable<Option> Http => httpOptions;

    /// <summary>The values given on the command line, keyed by the environment variable they override.</summary>
    public IReadOnlyDictionary<string, string> Values(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (option, setting) in bindings)
        {
            if (parse.GetResult(option) is { Implicit: false } result && result.Tokens.Count > 0)
            {
                values[setting] = result.Tokens[0].Value;
            }
            else if (parse.GetResult(option) is { Implicit: false } && option.ValueType == typeof(bool?))
            {
                values[setting] = "true";
            }
        }

        return values;
    }

    /// <summary>The setting options given on the command line as option name and value, to pass on to a child server.</summary>
    public IEnumerable<(string Option, string Value)> CommandLineOptions(ParseResult parse)
    {
        var values = Values(parse);
        foreach (var (option, setting) in bindings)
        {
            if (values.TryGetValue(setting, out var value))
            {
                yield return (option.Name, value);
            }
        }
    }

    public ServerSettings Load(ParseResult parse) =>
        SettingsLoader.Load(Values(parse), Environment.GetEnvironmentVariables(), parse.GetValue(EnvFileOption), Directory.GetCurrentDirectory());

    private Option<T> Bind<T>(string name, string setting, string description)
    {
        var option = new Option<T>(name) { Description = $"{description} [{setting}]", Recursive = true, Arity = typeof(T) == typeof(bool?) ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne };
        bindings.Add((option, setting));
        return option;
    }

    private void BindHttp<T>(string name, string setting, string description) => httpOptions.Add(Bind<T>(name, setting, description));

    internal static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
