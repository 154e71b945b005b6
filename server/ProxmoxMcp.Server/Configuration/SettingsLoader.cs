using System.Collections;
using System.Globalization;
using Microsoft.Extensions.Logging;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Proxmox.Protection;

namespace ProxmoxMcp.Server.Configuration;

/// <summary>
/// Merges settings with this precedence: command-line options, then environment variables, then an env file
/// (<c>--env-file</c>, or <c>.env</c> in the working directory as the original server read it).
/// </summary>
public static class SettingsLoader
{
    public static ServerSettings Load(
        IReadOnlyDictionary<string, string> commandLine, IDictionary environment, string? envFilePath, string workingDirectory, string defaultClustersFile = ClustersFile.DefaultPath)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(environment);
        var problems = new List<string>();
        var sources = new List<string>();
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);

        envFilePath ??= environment[SettingNames.EnvFile] as string;
        var fallbackEnv = Path.Combine(workingDirectory, ".env");
        var file = envFilePath ?? (File.Exists(fallbackEnv) ? fallbackEnv : null);
        if (file is not null)
        {
            if (File.Exists(file))
            {
                try
                {
                    foreach (var (key, value) in EnvFile.Load(file))
                    {
                        merged[key] = value;
                    }

                    sources.Add($"env file {file}");
                }
                catch (UnauthorizedAccessException)
                {
                    problems.Add(UnreadableEnvFile(file));
                }
                catch (IOException e)
                {
                    problems.Add($"Cannot read the env file '{file}': {e.Message}");
                }
            }
            else
            {
                problems.Add($"The env file '{file}' does not exist.");
            }
        }

        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string key && entry.Value is string value && key.StartsWith("PROXMOX_", StringComparison.Ordinal) && value.Length > 0)
            {
                merged[key] = value;
            }
        }

        sources.Add("environment");
        foreach (var (key, value) in commandLine)
        {
            merged[key] = value;
        }

        if (commandLine.Count > 0)
        {
            sources.Add("command line");
        }

        string? Get(string name) => merged.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

        var proxmox = new ProxmoxOptions
        {
            Host = Get(SettingNames.Host),
            Port = ParseInt(Get(SettingNames.Port), SettingNames.Port, 8006, 1, 65535, problems),
            Username = Get(SettingNames.Username) ?? "root",
            Realm = Get(SettingNames.Realm) ?? "pam",
            TokenId = Get(SettingNames.TokenId),
            TokenSecret = Get(SettingNames.TokenSecret),
            Password = Get(SettingNames.Password),
            VerifySsl = ParseBool(Get(SettingNames.VerifySsl), SettingNames.VerifySsl, true, problems),
            CaFile = Get(SettingNames.CaFile),
            Fingerprint = Get(SettingNames.Fingerprint),
            Protect = ParseGuests(Get(SettingNames.Protect), SettingNames.Protect, problems),
            Allow = ParseGuests(Get(SettingNames.Allow), SettingNames.Allow, problems),
        };
        var attempt = ParseInt(Get(SettingNames.Timeout), SettingNames.Timeout, 20, 1, 600, problems);
        proxmox.AttemptTimeout = TimeSpan.FromSeconds(attempt);
        proxmox.TotalTimeout = TimeSpan.FromSeconds(Math.Max(45, attempt * 2 + 5));

        var guestExecAllow = SplitList(Get(SettingNames.GuestExecAllow));
        var guestExec = ParseGuestExec(Get(SettingNames.GuestExec), problems);
        if (guestExec == GuestExecMode.AllowList && guestExecAllow.Count == 0)
        {
            problems.Add($"{SettingNames.GuestExec}=allow-list needs {SettingNames.GuestExecAllow}: the programs run_guest_command may run (e.g. uptime,df,systemctl).");
        }

        var simulate = ParseBool(Get(SettingNames.Simulate), SettingNames.Simulate, false, problems);
        var clustersFile = Get(SettingNames.Clusters) ?? (!simulate && File.Exists(defaultClustersFile) ? defaultClustersFile : null);
        IReadOnlyList<ClusterSettings> clusters = [];
        if (clustersFile is not null)
        {
            sources.Add($"clusters file {clustersFile}");
            var entries = ClustersFile.Load(clustersFile, name => Get(name) ?? environment[name] as string, proxmox.AttemptTimeout, problems);
            clusters = Combine(entries, proxmox, simulate, clustersFile, problems);
        }
        else if (simulate)
        {
            clusters = SimulatedClusters(proxmox);
        }

        return new ServerSettings
        {
            Proxmox = proxmox,
            Simulate = simulate,
            Clusters = clusters,
            ReadOnly = ParseBool(Get(SettingNames.ReadOnly), SettingNames.ReadOnly, false, problems),
            AllowAccessWrites = ParseBool(Get(SettingNames.AllowAccessWrites), SettingNames.AllowAccessWrites, false, problems),
            Tools = SplitList(Get(SettingNames.Tools)),
            ExcludeTools = SplitList(Get(SettingNames.ExcludeTools)),
            TaskTimeout = TimeSpan.FromSeconds(ParseInt(Get(SettingNames.TaskTimeout), SettingNames.TaskTimeout, 120, 0, 86400, problems)),
            ConfirmTimeout = TimeSpan.FromSeconds(ParseInt(Get(SettingNames.ConfirmTimeout), SettingNames.ConfirmTimeout, 60, 1, 3600, problems)),
            Confirmation = ParseEnum(Get(SettingNames.Confirm), SettingNames.Confirm, ConfirmationMode.Client, problems),
            LogLevel = ParseLogLevel(Get(SettingNames.LogLevel), problems),
            GuestExec = guestExec,
            GuestExecAllow = guestExecAllow,
            ListRows = ParseEnum(Get(SettingNames.ListRows), SettingNames.ListRows, ListRowsMode.Auto, problems),
            AuditLog = AuditLogPath(Get(SettingNames.AuditLog), environment[SettingNames.StateDirectory] as string),
            Http = new HttpSettings
            {
                CertificateFile = Get(SettingNames.HttpCertificate),
                KeyFile = Get(SettingNames.HttpKey),
                TokenFile = Get(SettingNames.HttpTokens) ?? HttpSettings.DefaultTokenFile,
                RequestsPerMinute = ParseInt(Get(SettingNames.HttpRateLimit), SettingNames.HttpRateLimit, 300, 1, 1_000_000, problems),
                MaxRequestBodyBytes = ParseInt(Get(SettingNames.HttpMaxBody), SettingNames.HttpMaxBody, 1024 * 1024, 1024, 64 * 1024 * 1024, problems),
            },
            Sources = sources,
            Problems = problems,
        };
    }

    /// <summary>Name of the second cluster --simulate serves (the lab estate) beside the demo cluster "default".</summary>
    public const string SimulatedLabCluster = "lab";

    /// <summary>What --simulate serves without a clusters file: the demo estate as "default" and the lab estate as "lab".</summary>
    public static IReadOnlyList<ClusterSettings> SimulatedClusters(ProxmoxOptions proxmox)
    {
        ArgumentNullException.ThrowIfNull(proxmox);
        var lab = Hosting.ProxmoxBackend.SimulatedOptions();
        lab.ClusterName = SimulatedLabCluster;
        return
        [
            new ClusterSettings { Name = ClusterSettings.DefaultName, Proxmox = proxmox, Simulation = new Simulator.SimulatorOptions() },
            new ClusterSettings
            {
                Name = SimulatedLabCluster,
                Proxmox = lab,
                Simulation = new Simulator.SimulatorOptions { Estate = Simulator.EstateSize.Lab, ClusterName = SimulatedLabCluster },
            },
        ];
    }

    /// <summary>
    /// The file's clusters plus, when PROXMOX_HOST is set (or --simulate), the single-cluster settings as cluster
    /// "default". The default cluster comes first: the file's cluster with "default": true, else "default", else the file's first.
    /// </summary>
    private static List<ClusterSettings> Combine(IReadOnlyList<ClustersFile.Entry> entries, ProxmoxOptions proxmox, bool simulate, string file, List<string> problems)
    {
        var list = entries.Select(e => e.Cluster).ToList();
        if (proxmox.Host is not null || simulate)
        {
            if (list.Any(c => c.Name == ClusterSettings.DefaultName))
            {
                problems.Add($"Clusters file '{file}', cluster '{ClusterSettings.DefaultName}': key 'name': '{ClusterSettings.DefaultName}' is the cluster of " +
                    $"{(simulate ? "--simulate" : SettingNames.Host)}; rename this one, or move those settings into the file.");
                list.RemoveAll(c => c.Name == ClusterSettings.DefaultName);
            }

            list.Insert(0, new ClusterSettings { Name = ClusterSettings.DefaultName, Proxmox = proxmox, Simulation = simulate ? new Simulator.SimulatorOptions() : null });
        }

        if (entries.FirstOrDefault(e => e.IsDefault) is { } chosen && list.Remove(chosen.Cluster))
        {
            list.Insert(0, chosen.Cluster);
        }

        return list;
    }

    /// <summary>The one sentence every command prints for an env file this user may not read.</summary>
    public static string UnreadableEnvFile(string file) =>
        $"Cannot read the env file '{file}' (permission denied): it holds the token secret, so only root and its group may read it " +
        "(the installer's is root:proxmox-mcp 0640). Run with sudo, add this user to that group (sudo usermod -aG proxmox-mcp $USER, then log in again), " +
        "or give an env file this user can read with --env-file.";

    private static GuestExecMode ParseGuestExec(string? text, List<string> problems)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "off" or "0" or "false" or "no":
                return GuestExecMode.Off;
            case "allow-list" or "allowlist" or "allow":
                return GuestExecMode.AllowList;
            default:
                problems.Add($"{SettingNames.GuestExec}='{text}' is not off or allow-list.");
                return GuestExecMode.Off;
        }
    }

    /// <summary>
    /// The audit log's path: as set ("off" turns it off), else audit.log in the state directory systemd gives the
    /// service (StateDirectory=, the first when it lists several), else none.
    /// </summary>
    public static string? AuditLogPath(string? setting, string? stateDirectory)
    {
        if (setting is not null)
        {
            return setting.Trim().ToLowerInvariant() is "off" or "none" or "false" ? null : Path.GetFullPath(setting.Trim());
        }

        var directory = stateDirectory?.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return directory is null ? null : Path.Combine(directory, "audit.log");
    }

    public static IReadOnlyList<string> SplitList(string? text) =>
        (text ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The bridge's names (trace, debug, info, warn, error, none) and .NET's (information, warning, critical).</summary>
    private static LogLevel ParseLogLevel(string? text, List<string> problems)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "":
                return LogLevel.Warning;
            case "trace":
                return LogLevel.Trace;
            case "debug":
                return LogLevel.Debug;
            case "info" or "information":
                return LogLevel.Information;
            case "warn" or "warning":
                return LogLevel.Warning;
            case "error":
                return LogLevel.Error;
            case "critical":
                return LogLevel.Critical;
            case "none" or "off":
                return LogLevel.None;
            default:
                problems.Add($"{SettingNames.LogLevel}='{text}' is not a log level: use trace, debug, info, warn, error or none.");
                return LogLevel.Warning;
        }
    }

    private static GuestRules ParseGuests(string? text, string name, List<string> problems)
    {
        try
        {
            return GuestRules.Parse(text, name);
        }
        catch (FormatException e)
        {
            problems.Add(e.Message);
            return GuestRules.None;
        }
    }

    private static bool ParseBool(string? text, string name, bool fallback, List<string> problems)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "":
                return fallback;
            case "1" or "true" or "yes" or "on":
                return true;
            case "0" or "false" or "no" or "off":
                return false;
            default:
                problems.Add($"{name}='{text}' is not a boolean: use true or false.");
                return fallback;
        }
    }

    private static int ParseInt(string? text, string name, int fallback, int min, int max, List<string> problems)
    {
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problems.Add($"{name}='{text}' is not a whole number from {min} to {max}.");
        return fallback;
    }

    private static T ParseEnum<T>(string? text, string name, T fallback, List<string> problems)
        where T : struct, Enum
    {
        if (text is null)
        {
            return fallback;
        }

        if (Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value))
        {
            return value;
        }

        problems.Add($"{name}='{text}' is not one of: {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
        return fallback;
    }
}
