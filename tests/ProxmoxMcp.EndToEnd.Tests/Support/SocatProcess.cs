using System.Diagnostics;
using System.Globalization;
using System.Text;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.EndToEnd.Tests.Support;

/// <summary>
/// socat started with an exact argument vector: the staged unit's own ExecStart (paths moved into the staging root,
/// environment from its EnvironmentFile, as systemd would pass it), or any helper such as a TLS-terminating client.
/// Disposing kills socat and everything it started.
/// </summary>
public sealed class SocatProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder standardError = new();

    private SocatProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => process.Id;

    /// <summary>What socat and the servers it started wrote to stderr: under systemd, the journal.</summary>
    public string StandardError
    {
        get
        {
            lock (standardError)
            {
                return standardError.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the unit's ExecStart from a staged install (bound to 127.0.0.1) with only the port and the staged paths
    /// substituted: the listen port becomes <paramref name="port"/>, /etc and /opt paths point into the staging root.
    /// </summary>
    public static Task<SocatProcess> StartUnitAsync(StagedInstall install, int port, IDictionary<string, string?>? extraEnvironment = null)
    {
        var argv = install.ExecStart()
            .Select(a => System.Text.RegularExpressions.Regex.Replace(a, @"^(OPENSSL|TCP)-LISTEN:\d+,", $"$1-LISTEN:{port},")
                .Replace("/etc/proxmox-mcp/", install.PathOf("/etc/proxmox-mcp/"), StringComparison.Ordinal)
                .Replace("EXEC:/opt/proxmox-mcp/", "EXEC:" + install.PathOf("/opt/proxmox-mcp/"), StringComparison.Ordinal))
            .ToList();
        Assert.Contains(argv, a => a.Contains($"-LISTEN:{port},bind=127.0.0.1,", StringComparison.Ordinal));
        Assert.EndsWith("socat", argv[0], StringComparison.Ordinal);
        var envLine = install.UnitText.Split('\n').Single(l => l.StartsWith("EnvironmentFile=", StringComparison.Ordinal));
        var environment = StagedInstall.ReadKeyValues(install.PathOf(envLine["EnvironmentFile=".Length..].Trim()))
            .ToDictionary(p => p.Key, p => (string?)p.Value);
        foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        return StartAsync(["socat", .. argv.Skip(1)], port, environment);
    }

    public static async Task<SocatProcess> StartAsync(IReadOnlyList<string> argv, int port, IDictionary<string, string?>? environment = null)
    {
        var psi = new ProcessStartInfo(argv[0]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in argv.Skip(1))
        {
            psi.ArgumentList.Add(argument);
        }

        // systemd starts services with a clean environment: no PROXMOX_* leaking in from the test run.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("PROXMOX_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            psi.Environment[key] = value;
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("socat did not start");
        var socat = new SocatProcess(process, port);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (socat.standardError)
                {
                    socat.standardError.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        await socat.WaitUntilListeningAsync();
        return socat;
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var needle = $":{Port:X4} ";
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"socat exited with {process.ExitCode} before listening:\n{StandardError}");
            }

            // A listening socket (state 0A) on the port, found without connecting (a connection would start a server).
            var listening = File.ReadAllLines("/proc/net/tcp").Concat(File.ReadAllLines("/proc/net/tcp6"))
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Any(f => f.Length > 3 && f[1].EndsWith(needle.TrimEnd(), StringComparison.Ordinal) && f[3] == "0A");
            if (listening)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"socat did not listen on {Port}:\n{StandardError}");
    }

    /// <summary>Waits (bounded) until socat's stderr contains <paramref name="text"/>: its log lines arrive asynchronously.</summary>
    public async Task AssertLoggedAsync(string text, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (!StandardError.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"socat did not log \"{text}\" within {bound.TotalSeconds} s:\n{StandardError}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Processes socat forked for connections, and what they executed.</summary>
    public IReadOnlyList<int> Descendants() => ProcessTree.Descendants(process.Id);

    /// <summary>Every process on the machine running <paramref name="executable"/>, wherever it was reparented to.</summary>
    public static IReadOnlyList<int> ProcessesRunning(string executable)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (new FileInfo(Path.Combine(dir, "exe")).LinkTarget is { } target && target == executable)
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone, or not ours to look at.
            }
        }

        return found;
    }

    /// <summary>Waits until no process runs <paramref name="executable"/> and socat has no child left; fails after <paramref name="bound"/>.</summary>
    public async Task AssertNoServerLeftAsync(string executable, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            var servers = ProcessesRunning(executable);
            var children = Descendants();
            if (servers.Count == 0 && children.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"still running after {bound.TotalSeconds} s: servers [{string.Join(", ", servers)}], socat children [{string.Join(", ", children)}]");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
