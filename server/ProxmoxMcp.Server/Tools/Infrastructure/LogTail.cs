using ProxmoxMcp.Proxmox.Models;

namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>Reading a PVE log (task, system, firewall): PVE pages from the first line, so the last lines take its total first.</summary>
public static class LogTail
{
    /// <summary>Lines from <paramref name="start"/>, or the last <paramref name="take"/> when start is omitted.</summary>
    /// <param name="read">Reads <paramref name="take"/> lines from the given first line and PVE's total.</param>
    public static async Task<(IReadOnlyList<TaskLogLine> Lines, int? Total, int Start)> ReadAsync(
        Func<int, Task<(IReadOnlyList<TaskLogLine> Lines, int? Total)>> read, int? start, int take)
    {
        ArgumentNullException.ThrowIfNull(read);
        var from = start ?? 0;
        var (lines, total) = await read(from);
        if (start is null && total is { } count && count > take)
        {
            from = count - take;
            (lines, total) = await read(from);
        }

        return (lines, total, from);
    }
}
