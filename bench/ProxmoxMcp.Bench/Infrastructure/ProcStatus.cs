using System.Globalization;

namespace ProxmoxMcp.Bench.Infrastructure;

/// <summary>Memory figures of a process from /proc (Linux), in MiB; null when the process has gone.</summary>
internal static class ProcStatus
{
    /// <summary>Peak resident set size (VmHWM): the high-water mark since the process started.</summary>
    public static double? PeakRssMiB(int pid) => Field(pid, "VmHWM:");

    /// <summary>How many threads the process has now.</summary>
    public static double? Threads(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("Threads:", StringComparison.Ordinal));
            return line is null ? null : double.Parse(line["Threads:".Length..].Trim(), CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Current resident set size (VmRSS).</summary>
    public static double? RssMiB(int pid) => Field(pid, "VmRSS:");

    /// <summary>Proportional set size: resident pages with shared ones (the binary's code, libraries) split between their users.</summary>
    public static double? PssMiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/smaps_rollup").FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
            return line is null ? null : Kib(line) / 1024;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The executable's file name (from /proc/pid/comm), or null.</summary>
    public static string? Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static double? Field(int pid, string name)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
            return line is null ? null : Kib(line) / 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static double Kib(string line) =>
        double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
