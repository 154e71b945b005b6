using System.Globalization;

namespace ProxmoxMcp.Server.Hosting;

/// <summary>
/// Where start-up time and CPU go: with PROXMOX_MCP_STARTUP_TRACE=1 each phase writes one line to stderr,
/// <c>startup-trace PHASE UNIX_MICROSECONDS CPU_MILLISECONDS GEN0_COLLECTIONS ALLOCATED_BYTES</c> (the process's CPU time so
/// far, all threads; garbage collections and bytes allocated so far).
/// bench/run.sh startup turns them into its per-phase table. Off, a mark costs one branch.
/// </summary>
public static class StartupTrace
{
    public const string Variable = "PROXMOX_MCP_STARTUP_TRACE";

    private static readonly bool Enabled = Environment.GetEnvironmentVariable(Variable) == "1";
    private static int firstByteRead;
    private static int firstReplyWritten;

    public static void Mark(string phase)
    {
        if (!Enabled)
        {
            return;
        }

        var micros = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / 10;
        var cpu = Environment.CpuUsage.TotalTime.TotalMilliseconds;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"startup-trace {phase} {micros} {cpu:F3} {GC.CollectionCount(0)} {GC.GetTotalAllocatedBytes()}"));
    }

    /// <summary>The first bytes from the client arrived.</summary>
    public static void FirstByteRead()
    {
        if (Enabled && Interlocked.Exchange(ref firstByteRead, 1) == 0)
        {
            Mark("first-byte-read");
        }
    }

    /// <summary>The first reply (the initialize result, normally) has been written to stdout.</summary>
    public static void FirstReplyWritten()
    {
        if (Enabled && Interlocked.Exchange(ref firstReplyWritten, 1) == 0)
        {
            Mark("first-reply-written");
        }
    }
}
