using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Proxmox.Protection;
using ProxmoxMcp.Simulator;

namespace ProxmoxMcp.Server.Configuration;

/// <summary>
/// Reads the clusters file (<see cref="SettingNames.Clusters"/>): JSON, <c>{"clusters": [{"name": ..., "hosts": [...], ...}]}</c>,
/// comments and trailing commas allowed. Read with <see cref="JsonDocument"/> (no reflection, AOT-safe) so that every
/// problem names the file, the cluster and the key. Secrets are never in this file: a cluster names a secret file
/// (<c>token_secret_file</c>, <c>password_file</c>) or a variable of the env file or environment
/// (<c>token_secret_env</c>, <c>password_env</c>); a secret written here is refused.
/// </summary>
public static partial class ClustersFile
{
    /// <summary>Read when no clusters file is named, if it exists (not when simulating).</summary>
    public const string DefaultPath = "/etc/proxmox-mcp/clusters.json";

    private static readonly HashSet<string> SecretKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "token_secret", "secret", "password", "token", "api_token", "token_value",
    };

    private static readonly Dictionary<string, string> SettingToKey = new(StringComparer.Ordinal)
    {
        [SettingNames.TokenSecret] = "token_secret_file/token_secret_env",
        [SettingNames.Password] = "password_file/password_env",
        [SettingNames.Host] = "hosts",
        [SettingNames.Port] = "port",
        [SettingNames.TokenId] = "token_id",
        [SettingNames.Username] = "username",
        [SettingNames.Realm] = "realm",
        [SettingNames.Fingerprint] = "fingerprint",
        [SettingNames.CaFile] = "ca_file",
    };

    /// <summary>A cluster of the file and whether it asked to be the default.</summary>
    public sealed record Entry(ClusterSettings Cluster, bool IsDefault);

    /// <summary>
    /// Parses <paramref name="path"/>; adds a problem for every bad key (naming file, cluster and key) and leaves out
    /// the clusters that have one. <paramref name="variable"/> looks up <c>*_env</c> names (env file, then environment).
    /// </summary>
    public static IReadOnlyList<Entry> Load(string path, Func<string, string?> variable, TimeSpan attemptTimeout, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(variable);
        ArgumentNullException.ThrowIfNull(problems);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            problems.Add($"The clusters file '{path}' does not exist.");
            return [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"Cannot read the clusters file '{path}': {e.Message}");
            return [];
        }

        return Parse(text, path, variable, attemptTimeout, problems);
    }

    public static IReadOnlyList<Entry> Parse(string text, string path, Func<string, string?> variable, TimeSpan attemptTimeout, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            problems.Add($"Clusters file '{path}' is not valid JSON (line {e.LineNumber + 1}): {e.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}");
            return [];
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("clusters", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                problems.Add($"Clusters file '{path}': expected {{\"clusters\": [ {{\"name\": ..., \"hosts\": [...], ...}} ]}} with at least one cluster.");
                return [];
            }

            foreach (var other in document.RootElement.EnumerateObject().Where(p => p.Name != "clusters"))
            {
                problems.Add($"Clusters file '{path}': unknown key '{other.Name}' (only \"clusters\" belongs at the top).");
            }

            var entries = new List<Entry>();
            var index = 0;
            foreach (var element in list.EnumerateArray())
            {
                index++;
                var before = problems.Count;
                var entry = ParseCluster(element, index, path, variable, attemptTimeout, problems);
                if (entry is not null && problems.Count == before)
                {
                    if (entries.Any(e => e.Cluster.Name == entry.Cluster.Name))
                    {
                        problems.Add($"Clusters file '{path}', cluster '{entry.Cluster.Name}': key 'name': the name is used twice.");
                        continue;
                    }

                    entries.Add(entry);
                }
            }

            if (entries.Count(e => e.IsDefault) > 1)
            {
                problems.Add($"Clusters file '{path}': key 'default' is true on {string.Join(", ", entries.Where(e => e.IsDefault).Select(e => e.Cluster.Name))}; only one cluster can be the default.");
            }

            return entries;
        }
    }

    private static Entry? ParseCluster(JsonElement element, int index, string path, Func<string, string?> variable, TimeSpan attemptTimeout, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"Clusters file '{path}', cluster #{index}: expected an object {{\"name\": ..., \"hosts\": [...]}}.");
            return null;
        }

        var label = element.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? $"cluster '{n.GetString()}'" : $"cluster #{index}";
        var where = $"Clusters file '{path}', {label}";
        void Problem(string key, string message) => problems.Add($"{where}: key '{key}': {message}");

        string? name = null;
        bool isDefault = false, readOnly = false, verifySsl = true;
        List<string> hosts = [];
        int port = 8006, timeout = (int)Math.Ceiling(attemptTimeout.TotalSeconds);
        string? username = null, realm = null, tokenId = null, fingerprint = null, caFile = null, secret = null, password = null, simulate = null;
        IReadOnlyList<string> tools = [], excludeTools = [];
        GuestRules protect = GuestRules.None, allow = GuestRules.None;
        var secretSources = new List<string>();
        var passwordSources = new List<string>();

        foreach (var property in element.EnumerateObject())
        {
            var key = property.Name;
            var value = property.Value;
            if (SecretKeys.Contains(key))
            {
                Problem(key, "secrets never go in the clusters file (it is readable by the service's group and copied into backups): " +
                    "put the secret in a file of its own (mode 0600) named by token_secret_file or password_file, or in the env file under a name given by token_secret_env or password_env.");
                continue;
            }

            switch (key)
            {
                case "name":
                    name = String(key, value);
                    if (name is not null && !NamePattern().IsMatch(name))
                    {
                        Problem(key, $"'{name}' is not a cluster name: lower-case letters, digits and '-', 1-32 characters, starting with a letter or digit.");
                        name = null;
                    }

                    break;
                case "default":
                    isDefault = Bool(key, value) ?? false;
                    break;
                case "hosts":
                    hosts = Strings(key, value);
                    if (hosts.Count == 0 && value.ValueKind is JsonValueKind.Array or JsonValueKind.String)
                    {
                        Problem(key, "give at least one node address (name or IP), in the order to try them.");
                    }

                    break;
                case "port":
                    port = Int(key, value, 1, 65535) ?? port;
                    break;
                case "timeout":
                    timeout = Int(key, value, 1, 600) ?? timeout;
                    break;
                case "username":
                    username = String(key, value);
                    break;
                case "realm":
                    realm = String(key, value);
                    break;
                case "token_id":
                    tokenId = String(key, value);
                    if (tokenId is not null && tokenId.Contains('=', StringComparison.Ordinal))
                    {
                        Problem(key, "it contains '=': that looks like 'id=SECRET'. Give only the token id here; the secret goes in token_secret_file or token_secret_env.");
                        tokenId = null;
                    }

                    break;
                case "token_secret_file":
                    secretSources.Add(key);
                    secret = SecretFile(key, String(key, value));
                    break;
                case "token_secret_env":
                    secretSources.Add(key);
                    secret = SecretVariable(key, String(key, value));
                    break;
                case "password_file":
                    passwordSources.Add(key);
                    password = SecretFile(key, String(key, value));
                    break;
                case "password_env":
                    passwordSources.Add(key);
                    password = SecretVariable(key, String(key, value));
                    break;
                case "verify_ssl":
                    verifySsl = Bool(key, value) ?? verifySsl;
                    break;
                case "fingerprint":
                    fingerprint = string.Join(',', Strings(key, value));
                    break;
                case "ca_file":
                    caFile = String(key, value);
                    break;
                case "read_only":
                    readOnly = Bool(key, value) ?? false;
                    break;
                case "tools":
                    tools = Strings(key, value);
                    break;
                case "exclude_tools":
                    excludeTools = Strings(key, value);
                    break;
                case "protect":
                    protect = Rules(key, value);
                    break;
                case "allow":
                    allow = Rules(key, value);
                    break;
                case "simulate":
                    simulate = String(key, value);
                    if (simulate is not null and not ("demo" or "lab"))
                    {
                        Problem(key, $"'{simulate}' is not a simulated estate: use demo or lab.");
                        simulate = null;
                    }

                    break;
                default:
                    Problem(key, "unknown key. Known: name, default, hosts, port, username, realm, token_id, token_secret_file, token_secret_env, password_file, " +
                        "password_env, verify_ssl, fingerprint, ca_file, timeout, read_only, tools, exclude_tools, protect, allow, simulate.");
                    break;
            }
        }

        if (name is null)
        {
            if (!element.TryGetProperty("name", out _))
            {
                problems.Add($"{where}: key 'name' is missing.");
            }

            return null;
        }

        if (secretSources.Count > 1 || passwordSources.Count > 1)
        {
            Problem(secretSources.Count > 1 ? secretSources[1] : passwordSources[1], $"give one of {string.Join(" or ", secretSources.Count > 1 ? secretSources : passwordSources)}, not both.");
        }

        var options = new ProxmoxOptions
        {
            ClusterName = name,
            Host = hosts.FirstOrDefault(),
            FailoverHosts = [.. hosts.Skip(1)],
            Port = port,
            Username = username ?? "root",
            Realm = realm ?? "pam",
            TokenId = tokenId,
            TokenSecret = secret,
            Password = password,
            VerifySsl = verifySsl,
            Fingerprint = fingerprint is { Length: > 0 } ? fingerprint : null,
            CaFile = caFile,
            AttemptTimeout = TimeSpan.FromSeconds(timeout),
            TotalTimeout = TimeSpan.FromSeconds(Math.Max(45, timeout * 2 + 5)),
            Protect = protect,
            Allow = allow,
        };
        SimulatorOptions? simulation = null;
        if (simulate is not null)
        {
            simulation = simulate == "lab" ? new SimulatorOptions { Estate = EstateSize.Lab, ClusterName = name } : new SimulatorOptions();
            var simulated = Hosting.ProxmoxBackend.SimulatedOptions();
            (simulated.ClusterName, simulated.Protect, simulated.Allow) = (name, protect, allow);
            options = simulated;
        }
        else
        {
            if (hosts.Count == 0 && !element.TryGetProperty("hosts", out _))
            {
                problems.Add($"{where}: key 'hosts' is missing: give the cluster's node addresses, e.g. \"hosts\": [\"pve1.example.com\", \"pve2.example.com\"].");
            }

            foreach (var problem in options.Validate().Where(p => hosts.Count > 0 || !p.StartsWith(SettingNames.Host + " is not set", StringComparison.Ordinal)))
            {
                problems.Add($"{where}: {InFileTerms(problem)}");
            }
        }

        return new Entry(new ClusterSettings
        {
            Name = name,
            Proxmox = options,
            Simulation = simulation,
            ReadOnly = readOnly,
            Tools = tools,
            ExcludeTools = excludeTools,
        }, isDefault);

        string? String(string key, JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s)
            {
                return s.Trim();
            }

            Problem(key, "expected a non-empty string.");
            return null;
        }

        bool? Bool(string key, JsonElement value)
        {
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return value.GetBoolean();
            }

            Problem(key, "expected true or false.");
            return null;
        }

        int? Int(string key, JsonElement value, int min, int max)
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) && i >= min && i <= max)
            {
                return i;
            }

            Problem(key, $"expected a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not {value.GetRawText()}.");
            return null;
        }

        List<string> Strings(string key, JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.String)
            {
                return [.. SettingsLoader.SplitList(value.GetString())];
            }

            if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
            {
                return [.. value.EnumerateArray().Select(v => v.GetString()!.Trim()).Where(v => v.Length > 0)];
            }

            Problem(key, "expected a list of strings, e.g. [\"a\", \"b\"].");
            return [];
        }

        GuestRules Rules(string key, JsonElement value)
        {
            var text = string.Join(',', Strings(key, value));
            try
            {
                return GuestRules.Parse(text, key);
            }
            catch (FormatException e)
            {
                Problem(key, e.Message);
                return GuestRules.None;
            }
        }

        string? SecretFile(string key, string? file)
        {
            if (file is null)
            {
                return null;
            }

            try
            {
                if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(file) & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
                {
                    Problem(key, $"'{file}' is readable by every user: it holds a secret, so make it 0600 or 0640 (chmod 600 '{file}').");
                    return null;
                }

                var first = File.ReadLines(file).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
                if (first is null)
                {
                    Problem(key, $"'{file}' is empty: it should hold the secret on one line.");
                }

                return first;
            }
            catch (FileNotFoundException)
            {
                Problem(key, $"'{file}' does not exist.");
            }
            catch (DirectoryNotFoundException)
            {
                Problem(key, $"'{file}' does not exist.");
            }
            catch (UnauthorizedAccessException)
            {
                Problem(key, $"cannot read '{file}' (permission denied): run as root or as a member of the file's group.");
            }
            catch (IOException e)
            {
                Problem(key, $"cannot read '{file}': {e.Message}");
            }

            return null;
        }

        string? SecretVariable(string key, string? name)
        {
            if (name is null)
            {
                return null;
            }

            var found = variable(name);
            if (string.IsNullOrEmpty(found))
            {
                Problem(key, $"the variable {name} is not set in the env file or the environment.");
            }

            return found;
        }
    }

    /// <summary>A <see cref="ProxmoxOptions.Validate"/> message with the file's key names instead of the variables'.</summary>
    private static string InFileTerms(string problem)
    {
        foreach (var (setting, key) in SettingToKey)
        {
            problem = problem.Replace(setting, key, StringComparison.Ordinal);
        }

        return problem;
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
