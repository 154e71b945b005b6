using System.Globalization;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.EndToEnd.Tests.Support;

/// <summary>One line of the installer's MANIFEST: the mode, owner and group it intends for a path.</summary>
public sealed record ManifestEntry(string Mode, string Owner, string Group, string Path);

/// <summary>
/// install/install.sh run in staging mode (--root) into a temporary directory, with the published AOT server as
/// --binary: no systemctl, no user, no packages, so it runs anywhere. Gives access to what it wrote.
/// </summary>
public sealed class StagedInstall : IDisposable
{
    public const string Secret = "5ec12e7a-0b5e-4c3e-9e1d-7a1c0ffee123";
    public const string UnitTarget = "/etc/systemd/system/proxmox-mcp.service";
    public const string EnvTarget = "/etc/proxmox-mcp/proxmox-mcp.env";
    public const string BinaryTarget = "/opt/proxmox-mcp/proxmox-mcp";

    private StagedInstall(string root) => Root = root;

    public string Root { get; }

    public static string Installer => RepoPaths.Combine("install", "install.sh");

    public static StagedInstall CreateEmpty() =>
        new(Directory.CreateTempSubdirectory("proxmox-mcp-stage-").FullName);

    /// <summary>Stages an install with the given options (--root, --binary, --non-interactive and --no-check are added unless present).</summary>
    public static async Task<(StagedInstall Install, ProcessResult Result)> RunAsync(IEnumerable<string> options, string? standardInput = null)
    {
        var install = CreateEmpty();
        var result = await install.InstallAsync(options, standardInput);
        return (install, result);
    }

    public async Task<ProcessResult> InstallAsync(IEnumerable<string> options, string? standardInput = null, string? binary = null)
    {
        var arguments = new List<string> { Installer, "--root", Root, "--non-interactive" };
        var given = options.ToList();
        if (!given.Contains("--binary"))
        {
            arguments.AddRange(["--binary", binary ?? await PublishedBinaries.ServerAsync(TestContext.Current.CancellationToken)]);
        }

        if (!given.Contains("--check"))
        {
            arguments.Add("--no-check");
        }

        arguments.AddRange(given.Where(o => o != "--check"));
        return await ProcessRunner.RunAsync("bash", arguments, TimeSpan.FromMinutes(2), standardInput: standardInput ?? "",
            cancellationToken: TestContext.Current.CancellationToken);
    }

    public Task<ProcessResult> UninstallAsync(params string[] options) =>
        ProcessRunner.RunAsync("bash", [RepoPaths.Combine("install", "uninstall.sh"), "--root", Root, .. options], TimeSpan.FromMinutes(1),
            cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>The staged location of a target path such as /etc/proxmox-mcp.</summary>
    public string PathOf(string target) => Root + target;

    public string UnitText => File.ReadAllText(PathOf(UnitTarget));

    /// <summary>The unit's ExecStart command line as an argument vector (continuation lines joined; the installer writes no quotes).</summary>
    public IReadOnlyList<string> ExecStart()
    {
        var lines = UnitText.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("ExecStart=", StringComparison.Ordinal));
        var command = "";
        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            var continues = line.EndsWith('\\');
            command += " " + (continues ? line[..^1] : line);
            if (!continues)
            {
                break;
            }
        }

        Assert.DoesNotContain('"', command);
        Assert.DoesNotContain('\'', command);
        return command.Trim()["ExecStart=".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    public IReadOnlyDictionary<string, string> EnvFile() => ReadKeyValues(PathOf(EnvTarget));

    public IReadOnlyDictionary<string, string> InstallState() => ReadKeyValues(PathOf("/etc/proxmox-mcp/install.conf"));

    public IReadOnlyList<ManifestEntry> Manifest() =>
        File.ReadAllLines(PathOf("/opt/proxmox-mcp/MANIFEST"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(f => new ManifestEntry(f[0], f[1], f[2], f[3]))
            .ToList();

    public string ClientDir(string name = "claude-desktop") => PathOf($"/etc/proxmox-mcp/clients/{name}");

    /// <summary>The mode bits of a staged path as four octal digits, e.g. 0640.</summary>
    public string ModeOf(string target) =>
        "0" + Convert.ToString((int)File.GetUnixFileMode(PathOf(target)) & 0x1FF, 8).PadLeft(3, '0');

    public static IReadOnlyDictionary<string, string> ReadKeyValues(string path) =>
        File.ReadAllLines(path)
            .Where(l => l.Length > 0 && !l.StartsWith('#') && l.Contains('=', StringComparison.Ordinal))
            .Select(l => (Key: l[..l.IndexOf('=', StringComparison.Ordinal)], Value: l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]))
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory.
        }
    }
}
