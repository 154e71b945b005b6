using System.CommandLine;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ProxmoxMcp.Server.Hosting.Http;
using ProxmoxMcp.Server.Tools;

namespace ProxmoxMcp.Server.CommandLine;

/// <summary>
/// `http-token add NAME [--read-only] [--tools ...] [--rate N]`: makes a random bearer token for `serve --http`,
/// prints it once on stdout and appends only its SHA-256 hash, with the policy, to the token file.
/// </summary>
public static partial class HttpTokenCommand
{
    public static Command Create(SettingOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var name = new Argument<string>("name") { Description = "A name for the token (letters, digits, . _ -), e.g. the client it is for." };
        var readOnly = new Option<bool>("--read-only") { Description = "Sessions of this token see and call only tools that change nothing." };
        var tools = new Option<string?>("--tools") { Description = $"Tools this token's sessions offer, within the server's own selection: {ToolSelection.Vocabulary}." };
        var rate = new Option<int?>("--rate") { Description = "HTTP requests per minute for this token (default: the server's PROXMOX_MCP_HTTP_RATE_LIMIT)." };
        var add = new Command("add", "Create a token: printed once on stdout, only its hash is stored in the token file.") { name, readOnly, tools, rate };
        foreach (var option in settings.Http)
        {
            add.Options.Add(option);
        }

        add.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = settings.Load(parse);
            var tokenName = parse.GetValue(name)!;
            var selection = parse.GetValue(tools);
            var perMinute = parse.GetValue(rate);
            var problem = !ValidName().IsMatch(tokenName) ? $"'{tokenName}' is not a token name: use letters, digits, '.', '_' and '-'."
                : perMinute is <= 0 ? "--rate must be at least 1 request per minute."
                : selection is not null && ToolSelection.UnknownNames(ToolCatalog.All, loaded with { Tools = Configuration.SettingsLoader.SplitList(selection), ExcludeTools = [] }) is { Count: > 0 } unknown
                    ? $"--tools: '{string.Join("', '", unknown)}' is neither a tool, a toolset nor a profile ({ToolSelection.Vocabulary})."
                : null;
            if (problem is not null)
            {
                Console.Error.WriteLine($"proxmox-mcp: {problem}");
                return ExitCodes.BadConfiguration;
            }

            var file = loaded.Http.TokenFile;
            var existing = File.Exists(file) ? HttpTokenFile.Parse(await File.ReadAllLinesAsync(file, cancellationToken)) : [];
            if (existing.Any(t => t.Name == tokenName))
            {
                Console.Error.WriteLine($"proxmox-mcp: {file} already has a token named '{tokenName}': delete its line to revoke it, or choose another name.");
                return ExitCodes.BadConfiguration;
            }

            var token = "pmcp_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var line = HttpTokenFile.Format(tokenName, token, parse.GetValue(readOnly), selection?.Replace(" ", "", StringComparison.Ordinal), perMinute);
            await AppendAsync(file, line, cancellationToken);
            Console.WriteLine(token);
            Console.Error.WriteLine($"Added token '{tokenName}' to {file} (only its hash is stored; this is the only time the token is shown). " +
                "Clients send it as `Authorization: Bearer TOKEN`.");
            return ExitCodes.Ok;
        });

        return new Command("http-token", "Manage the bearer tokens of serve --http.") { add };
    }

    private static async Task AppendAsync(string file, string line, CancellationToken cancellationToken)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        if (!File.Exists(file))
        {
            // Hashes only, but nobody else needs to read them: owner read/write (the installer gives the service's group read).
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using (new FileStream(file, options))
            {
            }

            await File.AppendAllTextAsync(file, "# proxmox-mcp HTTP bearer tokens: NAME sha256:HASH [read-only] [tools=...] [rate=N/min]\n", cancellationToken);
        }

        await File.AppendAllTextAsync(file, line + "\n", cancellationToken);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ValidName();
}
