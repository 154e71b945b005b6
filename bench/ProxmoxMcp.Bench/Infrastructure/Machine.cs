using System.Globalization;

namespace ProxmoxMcp.Bench.Infrastructure;

/// <summary>What the figures were measured on: they drift with the machine and its load, the ratios much less.</summary>
internal static class Machine
{
    public static string Describe()
    {
        var cpu = Read("/proc/cpuinfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var memKib = Read("/proc/meminfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var ram = memKib is null ? "?" : (double.Parse(memKib, CultureInfo.InvariantCulture) / 1024 / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " GiB";
        return $"{Environment.ProcessorCount} CPUs ({cpu}), {ram} RAM, {Environment.OSVersion.VersionString}, .NET {Environment.Version}";
    }

    /// <summary>The 1, 5 and 15 minute load averages.</summary>
    public static string Load() => Read("/proc/loadavg") is { } l ? string.Join(' ', l.Split(' ').Take(3)) : "?";

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
